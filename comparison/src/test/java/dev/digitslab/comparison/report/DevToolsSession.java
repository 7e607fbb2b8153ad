package dev.digitslab.comparison.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Chrome DevTools Protocol over the browser's WebSocket, with the JDK's own client: commands wait for their
 * reply, events are kept in arrival order for the caller to read.
 */
final class DevToolsSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    DevToolsSession(URI browser) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(browser, new Listener()).join();
    }

    /** Sends a command (to the page attached as {@code sessionId}, or the browser if null) and waits for its result. */
    JsonNode send(String sessionId, String method, Map<String, Object> params) {
        int id = nextId.getAndIncrement();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + ": no reply in " + TIMEOUT.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Waits until an event named {@code method} has arrived for the page {@code sessionId} (since last cleared). */
    JsonNode await(String sessionId, String method) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode event : events) {
                    if (event.path("method").asText().equals(method)
                            && event.path("sessionId").asText().equals(sessionId)) {
                        return event;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + method + " in " + TIMEOUT.toSeconds() + " s");
                }
                try {
                    events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + method, e);
                }
            }
        }
    }

    /** The events that arrived for the page {@code sessionId} since last cleared, in order. */
    List<JsonNode> events(String sessionId) {
        synchronized (events) {
            return events.stream().filter(e -> e.path("sessionId").asText().equals(sessionId)).toList();
        }
    }

    void clearEvents() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                receive(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void receive(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            } else {
                synchronized (events) {
                    events.add(message);
                    events.notifyAll();
                }
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }
}
