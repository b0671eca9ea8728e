package nl.microcredentials.registry.notifications.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailerTest {

    @org.junit.jupiter.api.BeforeAll
    static void handlers() {
        TestMailcap.install();
    }

    static final Mailer.Outgoing MAIL = new Mailer.Outgoing("0b6c3c4e-1f43-4bb1-9b7a-2c1f4f3e9a10", "s.bakker@tudelft.invalid", "en",
            "New exemption request TUD-2026-00042 for Board of Examiners EEMCS", "Hello,\n\nplain text é", "<p>Hello, <b>html</b> é</p>", "REQUEST_RECEIVED");

    @Test
    void aMessageIsPlainTextAndHtmlMarkedAsAutomaticWithItsIdAsMessageId() throws Exception {
        MimeMessage m = Mailer.message(Session.getInstance(new java.util.Properties()), "Microcredential Registry <registry@example.nl>", MAIL);
        assertThat(m.getMessageID()).isEqualTo("<0b6c3c4e-1f43-4bb1-9b7a-2c1f4f3e9a10@microcredential-registry>");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getSubject()).isEqualTo(MAIL.subject());
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("s.bakker@tudelft.invalid");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello,\n\nplain text é");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
    }

    @Test
    void anAddressWithALineBreakIsRefused() {
        Mailer.Outgoing bad = new Mailer.Outgoing("x", "a@example.nl\r\nBcc: b@example.nl", "en", "s", "t", "h", "REQUEST_RECEIVED");
        assertThatThrownBy(() -> Mailer.message(Session.getInstance(new java.util.Properties()), "r@example.nl", bad))
                .isInstanceOf(jakarta.mail.internet.AddressException.class);
    }

    @Test
    void withoutAServerEachMessageIsAnEmlFileInTheOutbox(@TempDir Path dir) throws Exception {
        Mailer mailer = new Mailer();
        mailer.host = Optional.empty();
        mailer.user = Optional.empty();
        mailer.password = Optional.empty();
        mailer.from = "Microcredential Registry <registry@localhost>";
        mailer.dataDir = dir.toString();
        mailer.init();
        mailer.send(MAIL);
        try (var files = Files.list(dir.resolve("outbox"))) {
            var all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).getFileName().toString()).endsWith(MAIL.id() + ".eml");
            MimeMessage read = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(Files.readAllBytes(all.get(0))));
            assertThat(read.getSubject()).isEqualTo(MAIL.subject());
            assertThat(read.getMessageID()).contains(MAIL.id());
        }
    }
}
