package dev.wheelwright.indexaudit;

import java.io.Serializable;
import java.util.List;

/** What auditing one wheel gave: the wheel's row (status audited, failed or skipped, with the error) and its findings, as a Spark bean. */
public class AuditResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private String location;
    private String filename;
    private String project;
    private String version;
    private String tags;
    private String platformFamily;
    private Integer uploadYear;
    private String sha256;
    private long bytes;
    private String catalog;
    private String status;
    private String error;
    private List<FindingRow> findings;

    public AuditResult() {}

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getFilename() {
        return filename;
    }

    public void setFilename(String filename) {
        this.filename = filename;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getPlatformFamily() {
        return platformFamily;
    }

    public void setPlatformFamily(String platformFamily) {
        this.platformFamily = platformFamily;
    }

    public Integer getUploadYear() {
        return uploadYear;
    }

    public void setUploadYear(Integer uploadYear) {
        this.uploadYear = uploadYear;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public long getBytes() {
        return bytes;
    }

    public void setBytes(long bytes) {
        this.bytes = bytes;
    }

    public String getCatalog() {
        return catalog;
    }

    public void setCatalog(String catalog) {
        this.catalog = catalog;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public List<FindingRow> getFindings() {
        return findings;
    }

    public void setFindings(List<FindingRow> findings) {
        this.findings = findings;
    }

}
