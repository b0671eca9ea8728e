package nl.microcredentials.registry.notifications.boundary;

import jakarta.activation.CommandMap;
import jakarta.activation.MailcapCommandMap;

/**
 * The test classpath holds an old javax mail API (com.sun.mail:mailapi, through the OpenAPI validator's JSON schema
 * library) whose mailcap names javax handlers; Payara has no such jar. The tests name Eclipse Angus's handlers first.
 */
public final class TestMailcap {

    private TestMailcap() { }

    public static synchronized void install() {
        MailcapCommandMap map = new MailcapCommandMap();
        map.addMailcap("text/plain;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_plain");
        map.addMailcap("text/html;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_html");
        map.addMailcap("text/xml;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_xml");
        map.addMailcap("multipart/*;; x-java-content-handler=org.eclipse.angus.mail.handlers.multipart_mixed; x-java-fallback-entry=true");
        map.addMailcap("message/rfc822;; x-java-content-handler=org.eclipse.angus.mail.handlers.message_rfc822");
        CommandMap.setDefaultCommandMap(map);
    }
}
