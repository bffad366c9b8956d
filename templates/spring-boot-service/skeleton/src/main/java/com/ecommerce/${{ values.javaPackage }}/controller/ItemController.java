package com.ecommerce.${{ values.javaPackage }}.controller;

import com.ecommerce.${{ values.javaPackage }}.dto.ItemRequest;
import com.ecommerce.${{ values.javaPackage }}.dto.ItemResponse;
import com.ecommerce.${{ values.javaPackage }}.model.Item;
import com.ecommerce.${{ values.javaPackage }}.service.ItemService;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The items API. Reading is open; creating, changing and deleting need a
 * bearer token (see security/SecurityConfig).
 */
@RestController
@RequestMapping("/api/items")
public class ItemController {

    private final ItemService service;

    public ItemController(ItemService service) {
        this.service = service;
    }

    @GetMapping
    public List<ItemResponse> list() {
        return service.list().stream().map(ItemResponse::from).toList();
    }

    @GetMapping("/{id}")
    public ItemResponse get(@PathVariable("id") long id) {
        return ItemResponse.from(service.get(id));
    }

    @PostMapping
    public ResponseEntity<ItemResponse> create(@Valid @RequestBody ItemRequest request) {
        Item item = service.create(request.name(), request.description());
        // A path, not an absolute URL: behind the ingress the service does not know its public host.
        return ResponseEntity.created(URI.create("/api/items/" + item.getId())).body(ItemResponse.from(item));
    }

    @PutMapping("/{id}")
    public ItemResponse update(@PathVariable("id") long id, @Valid @RequestBody ItemRequest request) {
        return ItemResponse.from(service.update(id, request.name(), request.description()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") long id) {
        service.delete(id);
    }
}
