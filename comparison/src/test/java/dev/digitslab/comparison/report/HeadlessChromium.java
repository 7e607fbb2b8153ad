package dev.digitslab.comparison.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}, or any Chrome on the PATH, or the one {@code -Dchromium=PATH}
 * names) driven over the DevTools protocol, for checking a page as a reader sees it. It runs without a profile,
 * extensions or background networking, and resolves no host name, so a page that reaches for the network fails
 * to; {@link Page#check} reports every request that was not to a file or data URI anyway.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final String CHECK = readCheckScript();

    private final Process process;
    private final Path profile;
    private final DevToolsSession devTools;

    private HeadlessChromium(Process process, Path profile, DevToolsSession devTools) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
    }

    /** The browser to use: {@code -Dchromium=PATH} if set, else the first of {@link #NAMES} on the PATH. */
    static Optional<Path> find() {
        String named = System.getProperty("chromium");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The message a test skips with when {@link #find} finds nothing. */
    static String notFound() {
        return "no Chromium found (" + String.join(", ", NAMES) + " on the PATH, or -Dchromium=PATH): the browser "
                + "check of the HTML page is SKIPPED, not passed. Install one, e.g. apt-get install chromium";
    }

    static HeadlessChromium launch(Path binary) throws IOException {
        Path profile = Files.createTempDirectory("digits-lab-chromium");
        List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--mute-audio", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-sync", "--disable-background-networking",
                "--disable-component-update", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> log = new ArrayList<>();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = stderr.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on ") && at >= 0) {
                        endpoint.complete(line.substring(at).strip());
                    } else if (!endpoint.isDone()) {
                        log.add(line);
                    }
                }
                endpoint.completeExceptionally(new IOException("Chromium exited before listening: " + log));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            String url = endpoint.get(60, TimeUnit.SECONDS);
            return new HeadlessChromium(process, profile, new DevToolsSession(URI.create(url)));
        } catch (Exception e) {
            process.destroyForcibly();
            deleteTree(profile);
            throw new IOException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code file} in a new tab whose viewport is {@code width} × {@code height} CSS pixels, once loaded. */
    Page open(Path file, int width, int height) {
        String target = devTools.send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .get("targetId").asText();
        String session = devTools.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            devTools.send(session, domain + ".enable", Map.of());
        }
        devTools.send(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        devTools.send(session, "Page.navigate", Map.of("url", file.toUri().toString()));
        devTools.await(session, "Page.loadEventFired");
        return new Page(target, session, width);
    }

    @Override
    public void close() {
        try {
            devTools.send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // Already gone; the process is ended below either way.
        }
        devTools.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    /** One loaded page. */
    final class Page {
        private final String target;
        private final String session;
        private final int width;

        private Page(String target, String session, int width) {
            this.target = target;
            this.session = session;
            this.width = width;
        }

        /** The viewport as it is now, as a PNG. */
        byte[] screenshot() {
            String png = devTools.send(session, "Page.captureScreenshot", Map.of("format", "png"))
                    .get("data").asText();
            return Base64.getDecoder().decode(png);
        }

        /** Scrolls the element with this id to the top of the viewport. */
        void scrollTo(String id) {
            evaluate("document.getElementById(" + TextNode.valueOf(id) + ").scrollIntoView()");
        }

        /**
         * Opens every {@code <details>}, then lists what is wrong: images that did not load, a page wider than the
         * viewport, elements sticking out of it other than inside a scrolling box, script errors, console errors
         * and requests to anything but files and data URIs. Empty if nothing is.
         */
        List<String> check() {
            JsonNode verdict = evaluate(CHECK);
            List<String> problems = new ArrayList<>();
            if (verdict.path("width").asInt() != width) {
                problems.add("the viewport is " + verdict.path("width").asInt() + " px wide, not " + width);
            }
            verdict.path("problems").forEach(p -> problems.add(p.asText()));
            for (JsonNode event : devTools.events(session)) {
                JsonNode params = event.path("params");
                switch (event.path("method").asText()) {
                    case "Runtime.exceptionThrown" -> problems.add("script error: "
                            + params.path("exceptionDetails").path("exception").path("description")
                            .asText(params.path("exceptionDetails").path("text").asText()));
                    case "Runtime.consoleAPICalled" -> {
                        String type = params.path("type").asText();
                        if (type.equals("error") || type.equals("assert")) {
                            problems.add("console " + type + ": " + params.path("args"));
                        }
                    }
                    case "Log.entryAdded" -> {
                        if (params.path("entry").path("level").asText().equals("error")) {
                            problems.add("browser error: " + params.path("entry").path("text").asText());
                        }
                    }
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asText();
                        if (!url.startsWith("file:") && !url.startsWith("data:") && !url.equals("about:blank")) {
                            problems.add("requested from the network: " + url);
                        }
                    }
                    default -> {
                    }
                }
            }
            return problems;
        }

        void close() {
            devTools.send(null, "Target.closeTarget", Map.of("targetId", target));
        }

        private JsonNode evaluate(String expression) {
            JsonNode result = devTools.send(session, "Runtime.evaluate", Map.of("expression", expression,
                    "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("the check script failed: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }
    }

    private static String readCheckScript() {
        try (var in = HeadlessChromium.class.getResourceAsStream("page-check.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A profile Chromium still held is left in the temp folder; nothing depends on it.
        }
    }
}
