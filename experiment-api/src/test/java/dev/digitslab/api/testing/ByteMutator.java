package dev.digitslab.api.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random mutations of a file's bytes, blind to its format; each names itself for the tallies. Shared
 * by the fuzz tests of every module through experiment-api's test jar.
 */
public final class ByteMutator {
    /** The mutated bytes and the mutation's name. */
    public record Mutated(String mutation, byte[] bytes) {
    }

    private ByteMutator() {
    }

    /** One randomly chosen mutation of {@code valid} (never modified). */
    public static Mutated mutate(byte[] valid, SplittableRandom r) {
        byte[] b = valid.clone();
        switch (r.nextInt(10)) {
            case 0: {
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return new Mutated("flip-bits", b);
            }
            case 1: {
                int n = 1 + r.nextInt(16);
                for (int i = 0; i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return new Mutated("overwrite-bytes", b);
            }
            case 2:
                return new Mutated("truncate", Arrays.copyOf(b, r.nextInt(Math.max(1, b.length))));
            case 3: {
                byte[] tail = randomBytes(r, 1 + r.nextInt(1000));
                byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, longer, b.length, tail.length);
                return new Mutated("append-bytes", longer);
            }
            case 4: {
                int from = r.nextInt(b.length + 1);
                int to = Math.min(b.length, from + 1 + r.nextInt(64));
                return new Mutated("delete-range", splice(b, from, to, new byte[0]));
            }
            case 5: {
                int at = r.nextInt(b.length + 1);
                return new Mutated("insert-bytes", splice(b, at, at, randomBytes(r, 1 + r.nextInt(64))));
            }
            case 6: {
                int from = r.nextInt(b.length + 1);
                int to = Math.min(b.length, from + 1 + r.nextInt(4096));
                return new Mutated("duplicate-range", splice(b, to, to, Arrays.copyOfRange(b, from, to)));
            }
            case 7: {
                // Random bytes behind the file's own first bytes: a plausible header, nonsense after it.
                int keep = Math.min(b.length, r.nextInt(24));
                byte[] junk = Arrays.copyOf(b, keep + r.nextInt(4096));
                byte[] tail = randomBytes(r, junk.length - keep);
                System.arraycopy(tail, 0, junk, keep, tail.length);
                return new Mutated("random-after-prefix", junk);
            }
            case 8:
                return new Mutated("random-bytes", randomBytes(r, r.nextInt(4096)));
            default:
                return r.nextInt(4) == 0 ? new Mutated("empty", new byte[0]) : new Mutated("unchanged", b);
        }
    }

    public static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** {@code b} with {@code [from, to)} replaced by {@code insert}. */
    public static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }
}
