package dev.wheelwright.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;

/** The JSON form of one finding and one location (cli.md "JSON shapes"), shared by renderers. */
final class JsonFindings {
    private JsonFindings() {}

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The {@code builds} array of a build report: one object per target, in the order asked for. */
    static ArrayNode builds(BuildTargets b) {
        ArrayNode list = F.arrayNode();
        for (BuildTargets.Target t : b.targets()) {
            ObjectNode o = list.addObject();
            o.put("target", t.target());
            o.put("status", t.status());
            if (t.exitCode() == null) {
                o.putNull("exitCode");
            } else {
                o.put("exitCode", t.exitCode());
            }
            if (t.seconds() == null) {
                o.putNull("seconds");
            } else {
                o.put("seconds", Math.round(t.seconds() * 10) / 10.0);
            }
            o.put("log", t.log());
            ArrayNode wheels = o.putArray("wheels");
            t.wheels().forEach(wheels::add);
            o.put("reason", t.reason());
            if (t.cause() == null) {
                o.putNull("cause");
            } else {
                ObjectNode c = o.putObject("cause");
                c.put("rule", t.cause().rule());
                c.put("name", t.cause().name());
                c.put("message", t.cause().message());
                c.put("location", t.cause().location());
            }
            o.put("compiled", t.compiled());
            if (t.test() == null) {
                o.putNull("test");
            } else {
                ObjectNode x = o.putObject("test");
                x.put("status", t.test().status());
                x.put("how", t.test().how());
                x.put("detail", t.test().detail());
            }
        }
        return list;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode o = F.objectNode();
        o.put("rule", f.rule());
        o.put("name", f.name());
        o.put("severity", f.severity().id());
        o.put("title", f.title());
        o.put("message", f.message());
        if (f.packageName() != null) {
            o.put("package", f.packageName());
        }
        o.set("location", location(f.location()));
        ArrayNode ev = o.putArray("evidence");
        f.evidence().forEach(ev::add);
        if (f.fix() != null) {
            ObjectNode fix = o.putObject("fix");
            fix.put("summary", f.fix().summary());
            if (f.fix().action() != null) {
                fix.put("action", f.fix().action());
            } else {
                fix.putNull("action");
            }
        } else {
            o.putNull("fix");
        }
        o.put("suppressed", f.suppressed());
        if (f.suppressed()) {
            ObjectNode s = o.putObject("suppression");
            s.put("source", f.suppression().source());
            s.put("reason", f.suppression().reason());
        }
        return o;
    }

    static ObjectNode location(Location l) {
        ObjectNode o = F.objectNode();
        if (l instanceof Location.FileLine fl) {
            o.put("file", fl.file());
            if (fl.line() > 0) {
                o.put("line", fl.line());
            } else {
                o.putNull("line"); // the finding concerns the whole file; lines count from 1
            }
        } else if (l instanceof Location.WheelMember w) {
            o.put("wheel", w.wheel());
            o.put("member", w.member());
            if (w.arch() != null) {
                o.put("arch", w.arch());
            }
        } else {
            o.put("path", ((Location.PathLocation) l).path());
        }
        return o;
    }
}
