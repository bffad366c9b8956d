{%- set jpa = values.database == 'postgresql' -%}
package com.ecommerce.${{ values.javaPackage }}.model;
{% if jpa %}
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
{%- endif %}
import java.time.Instant;

/**
 * An item: the example resource of the template, with a name, an optional
 * description and the times it was created and last changed. Rename or
 * replace it with the service's own resources.
 */
{%- if jpa %}
@Entity
@Table(name = "items")
{%- endif %}
public class Item {
{% if jpa %}
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
{%- endif %}
    private Long id;
{% if jpa %}
    @Column(nullable = false, length = 100)
{%- endif %}
    private String name;
{% if jpa %}
    @Column(length = 1000)
{%- endif %}
    private String description;
{% if jpa %}
    @Column(name = "created_at", nullable = false, updatable = false)
{%- endif %}
    private Instant createdAt;
{% if jpa %}
    @Column(name = "updated_at", nullable = false)
{%- endif %}
    private Instant updatedAt;
{% if jpa %}
    /** For JPA, which instantiates entities before filling their fields. */
    protected Item() {}
{% endif %}
    public Item(String name, String description, Instant now) {
        this.name = name;
        this.description = description;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the name and the description; {@code now} becomes the time of the last change. */
    public void update(String name, String description, Instant now) {
        this.name = name;
        this.description = description;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }
{% if not jpa %}
    /** Called by the in-memory repository when it stores a new item. */
    public void setId(Long id) {
        this.id = id;
    }
{% endif %}
    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
