package com.ecommerce.${{ values.javaPackage }}.controller;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ecommerce.${{ values.javaPackage }}.exception.ItemNotFoundException;
import com.ecommerce.${{ values.javaPackage }}.model.Item;
import com.ecommerce.${{ values.javaPackage }}.security.JwtDecoderConfig;
import com.ecommerce.${{ values.javaPackage }}.security.SecurityConfig;
import com.ecommerce.${{ values.javaPackage }}.service.ItemService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ItemController.class)
@Import({SecurityConfig.class, JwtDecoderConfig.class})
class ItemControllerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ItemService service;

    private static Item item(long id, String name, String description) {
        Item item = new Item(name, description, NOW);
        ReflectionTestUtils.setField(item, "id", id);
        return item;
    }

    @Test
    void listsItemsWithoutAToken() throws Exception {
        when(service.list()).thenReturn(List.of(item(1, "Mug", "Blue"), item(2, "Plate", null)));

        mvc.perform(get("/api/items"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value(1))
                .andExpect(jsonPath("$[0].name").value("Mug"))
                .andExpect(jsonPath("$[0].createdAt").value("2025-03-01T10:00:00Z"))
                .andExpect(jsonPath("$[1].name").value("Plate"));
    }

    @Test
    void answersAnUnknownIdWithAProblem404() throws Exception {
        when(service.get(42L)).thenThrow(new ItemNotFoundException(42L));

        mvc.perform(get("/api/items/42"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no item has id 42"));
    }

    @Test
    void refusesToCreateWithoutAToken() throws Exception {
        mvc.perform(post("/api/items").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Mug\"}"))
                .andExpect(status().isUnauthorized());

        verify(service, never()).create(anyString(), any());
    }

    @Test
    void createsWithATokenAndPointsToTheNewItem() throws Exception {
        when(service.create("Mug", "Blue")).thenReturn(item(7, "Mug", "Blue"));

        mvc.perform(post("/api/items")
                        .with(jwt())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Mug\",\"description\":\"Blue\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/items/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.description").value("Blue"));
    }

    @Test
    void rejectsABlankNameWithTheFieldAndWhatWasExpected() throws Exception {
        mvc.perform(post("/api/items")
                        .with(jwt())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.name").value("must not be blank"));

        verify(service, never()).create(anyString(), any());
    }

    @Test
    void updatesWithAToken() throws Exception {
        when(service.update(7L, "Cup", null)).thenReturn(item(7, "Cup", null));

        mvc.perform(put("/api/items/7")
                        .with(jwt())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Cup\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Cup"));
    }

    @Test
    void deletesWithAToken() throws Exception {
        mvc.perform(delete("/api/items/7").with(jwt())).andExpect(status().isNoContent());

        verify(service).delete(7L);
    }

    @Test
    void refusesToDeleteWithoutAToken() throws Exception {
        mvc.perform(delete("/api/items/7")).andExpect(status().isUnauthorized());

        verify(service, never()).delete(7L);
    }
}
