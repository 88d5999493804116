package dev.wheelwright.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.spec.WheelFilename;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The software bill of materials of the libraries {@code repair} bundled: PEP 770 puts SBOMs under
 * {@code .dist-info/sboms/}; the document is CycloneDX JSON (specVersion 1.4, as auditwheel
 * writes), one {@code library} component per bundled file with its sha256 (of the bundled,
 * rewritten file) and, as properties, where it came from and the sha256 of that source file. No
 * timestamp and no serial number: the same input gives the same bytes.
 */
final class Sbom {
    private Sbom() {}

    static byte[] cycloneDx(WheelFilename wheel, String outputName, List<WheelRepairer.Bundled> bundled, Map<String, byte[]> bundledBytes) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String version = wheel.version().toString();
        String purl = "pkg:pypi/" + enc(wheel.name()) + "@" + enc(version) + "?file_name=" + enc(outputName);
        ObjectNode root = json.createObjectNode();
        root.put("bomFormat", "CycloneDX");
        root.put("specVersion", "1.4");
        root.put("version", 1);
        ObjectNode meta = root.putObject("metadata");
        ObjectNode main = meta.putObject("component");
        main.put("type", "library");
        main.put("bom-ref", purl);
        main.put("name", wheel.name());
        main.put("version", version);
        main.put("purl", purl);
        meta.putArray("tools").addObject().put("name", "wheelwright");
        ArrayNode components = root.putArray("components");
        components.add(main.deepCopy());
        ArrayNode deps = root.putArray("dependencies");
        ObjectNode top = deps.addObject();
        top.put("ref", purl);
        ArrayNode dependsOn = top.putArray("dependsOn");
        for (WheelRepairer.Bundled b : bundled) {
            String ref = "file:" + b.member();
            ObjectNode c = components.addObject();
            c.put("type", "library");
            c.put("bom-ref", ref);
            c.put("name", b.name());
            ArrayNode hashes = c.putArray("hashes");
            hashes.addObject().put("alg", "SHA-256").put("content", WheelRepairer.sha256Hex(bundledBytes.get(b.member())));
            ArrayNode props = c.putArray("properties");
            props.addObject().put("name", "wheelwright:member").put("value", b.member());
            props.addObject().put("name", "wheelwright:source-path").put("value", b.source().toString());
            props.addObject().put("name", "wheelwright:source-sha256").put("value", b.sha256());
            dependsOn.add(ref);
            deps.addObject().put("ref", ref);
        }
        try {
            return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
