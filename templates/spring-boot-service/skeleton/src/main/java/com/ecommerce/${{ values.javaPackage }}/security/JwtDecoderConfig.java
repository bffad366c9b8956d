package com.ecommerce.${{ values.javaPackage }}.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies bearer tokens: HS256 JWTs signed with the shared secret
 * {@code JWT_SECRET} (property {@code app.security.jwt-secret}), not expired.
 * To accept tokens of an identity provider instead, remove this class and set
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
 */
@Configuration
public class JwtDecoderConfig {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(JwtDecoderConfig.class);

    @Bean
    public JwtDecoder jwtDecoder(@Value("${app.security.jwt-secret:}") String secret) {
        if (secret.isBlank()) {
            // Starting without a secret keeps the read API and the probes working in a
            // new environment; writes stay closed until the secret exists.
            log.warn("JWT_SECRET is not set: every request that needs a bearer token is refused with 401");
            return token -> {
                throw new BadJwtException("JWT_SECRET is not set, so no bearer token can be verified");
            };
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes long for HS256, but it has " + key.length);
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }
}
