package nl.microcredentials.registry.notifications.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one e-mail through Jakarta Mail: to the SMTP server of {@code REGISTRY_MAIL_HOST} (with {@code _PORT}, {@code _USER},
 * {@code _PASSWORD}, {@code _STARTTLS}, {@code _FROM}), or, when no server is configured (the quick start), as an
 * {@code .eml} file in {@code $REGISTRY_DATA_DIR/outbox} that any mail program opens. Connect, read and write time out
 * after 10 seconds, so a hanging server holds a send for at most that long.
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());
    static final int TIMEOUT_MILLIS = 10_000;

    @Inject
    @ConfigProperty(name = "registry.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "registry.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "registry.mail.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "registry.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "registry.mail.starttls", defaultValue = "false")
    boolean starttls;

    @Inject
    @ConfigProperty(name = "registry.mail.from", defaultValue = "Microcredential Registry <registry@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "registry.data.dir", defaultValue = "data")
    String dataDir;

    private Session session;

    /** One e-mail: the notification's id makes its Message-ID, so a resend after a crash is recognisably the same message. */
    public record Outgoing(String id, String to, String language, String subject, String text, String html, String kind) { }

    @PostConstruct
    void init() {
        session = session(smtpHost().orElse(null), port, user.orElse(null), password.orElse(null), starttls);
        if (smtpHost().isEmpty()) LOG.info(() -> "No REGISTRY_MAIL_HOST: notifications are written as .eml files to " + outbox().toAbsolutePath());
    }

    Optional<String> smtpHost() {
        return host.map(String::trim).filter(h -> !h.isEmpty());
    }

    /** Where the quick start's messages go. */
    public Path outbox() {
        return Path.of(dataDir, "outbox");
    }

    public String describe() {
        return smtpHost().map(h -> "SMTP " + h + ":" + port + (starttls ? " (STARTTLS)" : "")).orElse("files in " + outbox().toAbsolutePath());
    }

    static Session session(String host, int port, String user, String password, boolean starttls) {
        Properties p = new Properties();
        String timeout = String.valueOf(TIMEOUT_MILLIS);
        if (host != null) {
            p.put("mail.transport.protocol", "smtp");
            p.put("mail.smtp.host", host);
            p.put("mail.smtp.port", String.valueOf(port));
            p.put("mail.smtp.connectiontimeout", timeout);
            p.put("mail.smtp.timeout", timeout);
            p.put("mail.smtp.writetimeout", timeout);
            if (starttls) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            if (user != null && !user.isBlank()) p.put("mail.smtp.auth", "true");
        }
        Authenticator auth = user == null || user.isBlank() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password == null ? "" : password);
            }
        };
        return Session.getInstance(p, auth);
    }

    public void send(Outgoing mail) throws MessagingException, IOException {
        MimeMessage message = message(session, from, mail);
        if (smtpHost().isPresent()) {
            Transport.send(message);
        } else {
            Path dir = outbox();
            Files.createDirectories(dir);
            Path file = dir.resolve(Instant.now().toString().replace(':', '-') + "-" + mail.id() + ".eml");
            Path partial = dir.resolve(mail.id() + ".eml.part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A multipart/alternative message (plain text, then HTML), UTF-8, marked as sent automatically (RFC 3834). */
    static MimeMessage message(Session session, String from, Outgoing mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + mail.id() + "@microcredential-registry>");
            }
        };
        message.setFrom(address(from));
        message.setRecipient(Message.RecipientType.TO, address(mail.to()));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("X-Registry-Notification", mail.kind());
        message.setHeader("Content-Language", mail.language().replace("nl-en", "nl, en"));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(String value) throws AddressException {
        InternetAddress a = new InternetAddress(value, true);
        a.validate();
        return a;
    }
}
