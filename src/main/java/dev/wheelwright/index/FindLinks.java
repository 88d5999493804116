package dev.wheelwright.index;

import dev.wheelwright.spec.Names;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * pip's {@code --find-links}: a local folder of wheels and sdists, or a URL of an HTML page whose
 * anchors are such files. Files are matched to a project by the name in their file name.
 */
public final class FindLinks implements PackageSource {
    private final Path folder;
    private final URI page;
    private final HttpFetcher http;

    private FindLinks(Path folder, URI page, HttpFetcher http) {
        this.folder = folder;
        this.page = page;
        this.http = http;
    }

    public static FindLinks folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IndexException(folder + ": --find-links folder does not exist");
        }
        return new FindLinks(folder, null, null);
    }

    public static FindLinks page(URI page, HttpFetcher http) {
        return new FindLinks(null, page, http);
    }

    /** A find-links value as pip takes it: a URL (http, https, file) or a path. */
    public static FindLinks of(String value, HttpFetcher http) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return page(URI.create(value), http);
        }
        if (value.startsWith("file:")) {
            return folder(Path.of(URI.create(value)));
        }
        return folder(Path.of(value));
    }

    @Override
    public List<DistributionFile> files(String normalizedName) {
        List<DistributionFile> all = folder != null ? listFolder() : listPage();
        List<DistributionFile> out = new ArrayList<>();
        for (DistributionFile f : all) {
            f.nameVersion().filter(nv -> nv.name().equals(Names.canonicalize(normalizedName)))
                    .ifPresent(nv -> out.add(f));
        }
        return out;
    }

    private List<DistributionFile> listFolder() {
        List<DistributionFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> out.add(new DistributionFile(
                    p.getFileName().toString(), p.toUri(), Map.of(), null, false, null, false, folder.toString())));
        } catch (IOException e) {
            throw new IndexException(folder + ": cannot list find-links folder (" + e.getMessage() + ")");
        }
        return out;
    }

    private List<DistributionFile> listPage() {
        HttpFetcher.Response r = http.get(page, "text/html", false);
        if (!r.ok()) {
            throw new IndexException(page + ": HTTP " + r.status());
        }
        return SimplePageParser.parseHtml(new String(r.body(), StandardCharsets.UTF_8), r.url(), page.toString());
    }

    @Override
    public String describe() {
        return folder != null ? folder.toString() : page.toString();
    }
}
