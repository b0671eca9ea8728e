package nl.microcredentials.registry.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR that {@code mvn package} built, deployed at the root context as in production. */
public final class Deployments {

    private Deployments() { }

    public static WebArchive registry() {
        File war = new File(System.getProperty("registry.war", "target/ROOT.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
