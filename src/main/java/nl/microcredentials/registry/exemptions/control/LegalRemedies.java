package nl.microcredentials.registry.exemptions.control;

import java.time.LocalDate;

/** The legal-remedies text that goes with every decision (WHW art. 7.61; Awb 6:7), in Dutch and English. */
public final class LegalRemedies {

    private LegalRemedies() { }

    public static String dutch(LocalDate appealDeadline) {
        return "Tegen dit besluit kunt u binnen zes weken na de datum van het besluit, uiterlijk op " + appealDeadline
                + ", administratief beroep instellen bij het College van beroep voor de examens (CBE) van de instelling "
                + "(artikel 7.61 WHW). Vermeld in het beroepschrift uw naam, adres, de datum, het besluit en de gronden van het beroep.";
    }

    public static String english(LocalDate appealDeadline) {
        return "You may lodge an appeal against this decision with the institution's Examination Appeals Board (CBE) within six weeks "
                + "of the date of the decision, at the latest on " + appealDeadline + " (article 7.61 of the Higher Education and Research "
                + "Act, WHW). State your name, address, the date, the decision and the grounds of your appeal.";
    }
}
