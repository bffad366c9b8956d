package com.ecommerce.${{ values.javaPackage }}.dto;

import com.ecommerce.${{ values.javaPackage }}.model.Item;
import java.time.Instant;

/** An item as the API returns it; times are ISO-8601 UTC instants. */
public record ItemResponse(Long id, String name, String description, Instant createdAt, Instant updatedAt) {

    public static ItemResponse from(Item item) {
        return new ItemResponse(
                item.getId(), item.getName(), item.getDescription(), item.getCreatedAt(), item.getUpdatedAt());
    }
}
