{%- if values.database == 'postgresql' -%}
package com.ecommerce.${{ values.javaPackage }}.repository;

import com.ecommerce.${{ values.javaPackage }}.model.Item;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.stereotype.Repository;

/** Items in PostgreSQL, table {@code items} (see db/migration). */
@Repository
public interface ItemRepository extends JpaRepository<Item, Long> {

    List<Item> findAllByOrderByIdAsc();
}
{%- else -%}
package com.ecommerce.${{ values.javaPackage }}.repository;

import com.ecommerce.${{ values.javaPackage }}.model.Item;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Repository;

/**
 * Items in memory: each replica has its own, and a restart loses them. Keep
 * nothing here that matters; give the service a data store first. The methods
 * are named like their Spring Data counterparts, so replacing this class by a
 * {@code JpaRepository<Item, Long>} leaves the service unchanged.
 */
@Repository
public class ItemRepository {

    private final Map<Long, Item> items = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    public List<Item> findAllByOrderByIdAsc() {
        return items.values().stream().sorted(Comparator.comparing(Item::getId)).toList();
    }

    public Optional<Item> findById(Long id) {
        return Optional.ofNullable(items.get(id));
    }

    public boolean existsById(Long id) {
        return items.containsKey(id);
    }

    public Item save(Item item) {
        if (item.getId() == null) {
            item.setId(nextId.getAndIncrement());
        }
        items.put(item.getId(), item);
        return item;
    }

    public void deleteById(Long id) {
        items.remove(id);
    }
}
{%- endif %}
