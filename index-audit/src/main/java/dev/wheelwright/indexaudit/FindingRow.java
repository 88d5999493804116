package dev.wheelwright.indexaudit;

import java.io.Serializable;
import java.util.List;

/** One finding of one wheel, as a Spark bean (the columns of the findings table besides the wheel's). */
public class FindingRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private String rule;
    private String name;
    private String severity;
    private String message;
    private String location;
    private String member;
    private String arch;
    private List<String> evidence;

    public FindingRow() {}

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getMember() {
        return member;
    }

    public void setMember(String member) {
        this.member = member;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public List<String> getEvidence() {
        return evidence;
    }

    public void setEvidence(List<String> evidence) {
        this.evidence = evidence;
    }

}
