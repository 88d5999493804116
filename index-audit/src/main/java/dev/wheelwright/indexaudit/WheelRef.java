package dev.wheelwright.indexaudit;

import java.io.Serializable;
import java.util.List;

/** A wheel to audit: where it is, its file name, and what the source says of it (SHA-256, upload year), as a Spark bean. */
public class WheelRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private String location;
    private String filename;
    private String sha256;
    private Integer uploadYear;

    public WheelRef() {}

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

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public Integer getUploadYear() {
        return uploadYear;
    }

    public void setUploadYear(Integer uploadYear) {
        this.uploadYear = uploadYear;
    }

}
