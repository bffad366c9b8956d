package com.ecommerce.${{ values.javaPackage }};

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Starts ${{ values.name }}: the API on port 8080, health and metrics on 8081. */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** The time source of the service, replaced by a fixed clock in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
