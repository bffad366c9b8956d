package com.ecommerce.${{ values.javaPackage }}.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtDecoderConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final JwtDecoderConfig config = new JwtDecoderConfig();

    private static Instant inOneHour() {
        return Instant.now().plusSeconds(3600);
    }

    @Test
    void acceptsATokenSignedWithTheSecret() {
        Jwt jwt = config.jwtDecoder(SECRET).decode(TestTokens.hs256(SECRET, "alice", inOneHour()));

        assertThat(jwt.getSubject()).isEqualTo("alice");
    }

    @Test
    void rejectsATokenSignedWithAnotherSecret() {
        JwtDecoder decoder = config.jwtDecoder(SECRET);
        String forged = TestTokens.hs256("another-secret-that-is-32-bytes!", "mallory", inOneHour());

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsAnExpiredToken() {
        JwtDecoder decoder = config.jwtDecoder(SECRET);
        String expired = TestTokens.hs256(SECRET, "alice", Instant.now().minusSeconds(3600));

        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class);
    }

    @Test
    void withoutASecretRejectsEveryToken() {
        JwtDecoder decoder = config.jwtDecoder("");
        String token = TestTokens.hs256(SECRET, "alice", inOneHour());

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("JWT_SECRET");
    }

    @Test
    void refusesToStartWithASecretTooShortForHs256() {
        assertThatThrownBy(() -> config.jwtDecoder("too-short"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_SECRET must be at least 32 bytes");
    }
}
