package io.twinbridge.gateway;

/** Runnable entry point of the gateway jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("twinbridge gateway");
    }
}
