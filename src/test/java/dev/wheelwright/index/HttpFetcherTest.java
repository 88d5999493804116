package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {
    @Test
    void aServerThatStallsInTheBodyTimesOutNamingTheUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 1000);
            OutputStream out = ex.getResponseBody();
            out.write("<html><body>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(4000); // headers sent, then silence: the JDK's request timeout no longer applies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/demo/");
            HttpFetcher http = new HttpFetcher(null, false, 1, Duration.ofMillis(1), Duration.ofSeconds(1));
            assertThatThrownBy(() -> http.get(url, SimpleRepository.ACCEPT, false)).isInstanceOf(IndexException.class)
                    .hasMessage(url + ": cannot reach the index: timed out after 1 s");
        } finally {
            server.stop(0);
        }
    }
}
