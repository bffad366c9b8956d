package com.ecommerce.${{ values.javaPackage }}.exception;

/** No item has the requested id; answered with 404 by {@link GlobalExceptionHandler}. */
public class ItemNotFoundException extends RuntimeException {

    private final long id;

    public ItemNotFoundException(long id) {
        super("no item has id " + id);
        this.id = id;
    }

    public long getId() {
        return id;
    }
}
