package io.choreo.cluster.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a listening host is a loopback interface, which only processes of this machine can reach. */
public final class Loopback {
    private Loopback() {
    }

    /** {@code host} (a name or an address) resolves to a loopback address; an unknown name is a typed error. */
    public static boolean is(String host, String what) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new SecuritySettingsException(what + " " + host + ": unknown host");
        }
    }
}
