{%- set jpa = values.database == 'postgresql' -%}
package com.ecommerce.${{ values.javaPackage }};

import static org.assertj.core.api.Assertions.assertThat;

import com.ecommerce.${{ values.javaPackage }}.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts the whole service on random ports{% if jpa %} against the PostgreSQL of
 * DB_HOST, DB_PORT and DB_NAME (CI starts one; see README.md){% endif %} and
 * calls it over HTTP like the kubelet, Prometheus and a client do. Run by
 * {@code mvn verify} (maven-failsafe-plugin), not by {@code mvn test}.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "app.security.jwt-secret=" + ApplicationIT.SECRET})
class ApplicationIT {

    static final String SECRET = "integration-test-secret-32-bytes";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private ObjectMapper json;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
    }

    @Test
    void probesAnswerUpOnTheManagementPort() throws Exception {
        HttpResponse<String> liveness = send(management("/actuator/health/liveness"));
        HttpResponse<String> readiness = send(management("/actuator/health/readiness"));

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void actuatorIsNotServedOnTheApplicationPort() throws Exception {
        assertThat(send(api("/actuator/health")).statusCode()).isNotEqualTo(200);
        assertThat(send(api("/actuator/prometheus")).statusCode()).isNotEqualTo(200);
    }

    @Test
    void prometheusExposesHttpServerMetricsOfTheApi() throws Exception {
        assertThat(send(api("/api/items")).statusCode()).isEqualTo(200);

        // The request's timer stops as its response completes; give it a moment to be recorded.
        String metrics = "";
        for (int attempt = 0; attempt < 20 && !metrics.contains("uri=\"/api/items\""); attempt++) {
            HttpResponse<String> response = send(management("/actuator/prometheus"));
            assertThat(response.statusCode()).isEqualTo(200);
            metrics = response.body();
            Thread.sleep(100);
        }

        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/api/items\".*\\} ");
        assertThat(metrics).contains("application=\"${{ values.name }}\"");
    }

    @Test
    void itemsCanBeCreatedReadChangedAndDeletedWithAToken() throws Exception {
        String bearer = "Bearer " + TestTokens.hs256(SECRET, "ci", Instant.now().plusSeconds(600));
        String body = "{\"name\":\"Mug\",\"description\":\"Blue\"}";

        HttpResponse<String> anonymous = send(api("/api/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> created = send(api("/api/items")
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/items/\\d+");

        HttpResponse<String> read = send(api(location));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode item = json.readTree(read.body());
        assertThat(item.path("name").asText()).isEqualTo("Mug");
        assertThat(item.path("description").asText()).isEqualTo("Blue");

        HttpResponse<String> changed = send(api(location)
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Cup\"}")));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(send(api(location)).body()).path("name").asText()).isEqualTo("Cup");

        HttpResponse<String> deleted = send(api(location).header("Authorization", bearer).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send(api(location)).statusCode()).isEqualTo(404);
    }
}
