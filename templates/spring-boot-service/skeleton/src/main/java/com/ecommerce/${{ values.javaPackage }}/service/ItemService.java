{%- set jpa = values.database == 'postgresql' -%}
package com.ecommerce.${{ values.javaPackage }}.service;

import com.ecommerce.${{ values.javaPackage }}.exception.ItemNotFoundException;
import com.ecommerce.${{ values.javaPackage }}.model.Item;
import com.ecommerce.${{ values.javaPackage }}.repository.ItemRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
{%- if jpa %}
import org.springframework.transaction.annotation.Transactional;
{%- endif %}

/** What can be done with items; the controller only translates HTTP to these calls. */
@Service
{%- if jpa %}
@Transactional
{%- endif %}
public class ItemService {

    private final ItemRepository repository;
    private final Clock clock;

    public ItemService(ItemRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }
{% if jpa %}
    @Transactional(readOnly = true)
{%- endif %}
    public List<Item> list() {
        return repository.findAllByOrderByIdAsc();
    }
{% if jpa %}
    @Transactional(readOnly = true)
{%- endif %}
    public Item get(long id) {
        return repository.findById(id).orElseThrow(() -> new ItemNotFoundException(id));
    }

    public Item create(String name, String description) {
        return repository.save(new Item(name, description, clock.instant()));
    }

    public Item update(long id, String name, String description) {
        Item item = get(id);
        item.update(name, description, clock.instant());
        return repository.save(item);
    }

    public void delete(long id) {
        if (!repository.existsById(id)) {
            throw new ItemNotFoundException(id);
        }
        repository.deleteById(id);
    }
}
