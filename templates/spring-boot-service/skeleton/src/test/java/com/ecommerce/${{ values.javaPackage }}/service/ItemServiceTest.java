package com.ecommerce.${{ values.javaPackage }}.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.ecommerce.${{ values.javaPackage }}.exception.ItemNotFoundException;
import com.ecommerce.${{ values.javaPackage }}.model.Item;
import com.ecommerce.${{ values.javaPackage }}.repository.ItemRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ItemServiceTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Mock
    private ItemRepository repository;

    private ItemService service;

    @BeforeEach
    void setUp() {
        service = new ItemService(repository, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void createStoresTheItemWithTheCurrentTime() {
        when(repository.save(any(Item.class))).thenAnswer(call -> call.getArgument(0));

        Item created = service.create("Mug", "Blue, 300 ml");

        assertThat(created.getName()).isEqualTo("Mug");
        assertThat(created.getDescription()).isEqualTo("Blue, 300 ml");
        assertThat(created.getCreatedAt()).isEqualTo(NOW);
        assertThat(created.getUpdatedAt()).isEqualTo(NOW);
        verify(repository).save(created);
    }

    @Test
    void updateChangesNameDescriptionAndUpdatedAtOnly() {
        Item existing = new Item("Mug", "Blue", CREATED);
        when(repository.findById(1L)).thenReturn(Optional.of(existing));
        when(repository.save(existing)).thenReturn(existing);

        Item updated = service.update(1L, "Cup", null);

        assertThat(updated.getName()).isEqualTo("Cup");
        assertThat(updated.getDescription()).isNull();
        assertThat(updated.getCreatedAt()).isEqualTo(CREATED);
        assertThat(updated.getUpdatedAt()).isEqualTo(NOW);
    }

    @Test
    void getOfAnUnknownIdThrowsItemNotFound() {
        when(repository.findById(9L)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.get(9L))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessage("no item has id 9");
    }

    @Test
    void updateOfAnUnknownIdSavesNothing() {
        when(repository.findById(9L)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.update(9L, "Cup", null)).isInstanceOf(ItemNotFoundException.class);
        verify(repository, never()).save(any(Item.class));
    }

    @Test
    void deleteOfAnUnknownIdThrowsAndDeletesNothing() {
        when(repository.existsById(9L)).thenReturn(false);

        assertThatThrownBy(() -> service.delete(9L)).isInstanceOf(ItemNotFoundException.class);
        verify(repository, never()).deleteById(any());
    }

    @Test
    void deleteRemovesAnExistingItem() {
        when(repository.existsById(3L)).thenReturn(true);

        service.delete(3L);

        verify(repository).deleteById(3L);
    }
}
