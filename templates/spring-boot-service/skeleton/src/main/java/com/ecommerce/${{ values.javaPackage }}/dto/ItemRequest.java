package com.ecommerce.${{ values.javaPackage }}.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/items} and {@code PUT /api/items/{id}}. */
public record ItemRequest(
        @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters")
        String name,
        @Size(max = 1000, message = "must be at most 1000 characters")
        String description) {}
