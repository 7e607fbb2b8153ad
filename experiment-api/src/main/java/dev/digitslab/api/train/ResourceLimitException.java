package dev.digitslab.api.train;

/**
 * A network this machine cannot build or train: an array longer than an int can index, or more memory than the
 * implementation can get (the JVM heap, native memory). {@link Trainer#requireFits} throws it before anything is
 * allocated; its message is one line naming the spec, the layer and the memory it would need.
 */
public final class ResourceLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResourceLimitException(String message) {
        super(message);
    }
}
