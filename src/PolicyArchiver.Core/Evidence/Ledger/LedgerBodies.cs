using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The facts each ledger entry commits to, built from the catalog's records. Verification rebuilds
/// them from the catalog and compares, so a changed catalog row breaks the chain.
/// </summary>
internal static class LedgerBodies
{
    public static string ObservationSubject(long id) => $"observation:{id}";
    public static string SnapshotSubject(long observationId) => $"snapshot:{observationId}";
    public static string VersionSubject(string document, int number, int generation = 0) =>
        generation == 0 ? $"version:{document}#{number}" : $"version:{document}#{number}@{generation}";

    public static string DiscoverySubject(long id) => $"discovery:{id}";

    /// <summary>A discovery commits to the SHA-256 of its report, so the recorded links cannot be edited afterwards.</summary>
    public static string Discovery(DiscoveryRecord d) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("id", d.Id);
        w.WriteString("company", d.Company);
        w.WriteString("at", CanonicalJson.Time(d.At));
        w.WriteString("outcome", d.Outcome);
        w.WriteString("reportSha256", Hashing.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(d.Json)));
        w.WriteEndObject();
    });

    public static string RebuildSubject(string document, int generation) => $"rebuild:{document}@{generation}";

    /// <summary>The history of a document was derived again: versions of earlier generations are superseded.</summary>
    public static string Rebuild(string document, int generation, string reason) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("document", document);
        w.WriteNumber("generation", generation);
        w.WriteString("reason", reason);
        w.WriteEndObject();
    });

    public static string Observation(Observation o, IReadOnlyList<WarcRecordLocation> warc) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("id", o.Id);
        w.WriteString("document", o.Document);
        w.WriteString("at", CanonicalJson.Time(o.At));
        w.WriteString("outcome", o.Outcome.ToWire());
        w.Number("httpStatus", o.HttpStatus);
        w.WriteString("url", o.Url);
        w.String("finalUrl", o.FinalUrl);
        w.String("snapshotSha256", o.SnapshotSha256);
        w.WriteBoolean("newVersion", o.NewVersion);
        w.Number("version", o.Version);
        w.String("detail", o.Detail);
        w.WriteNumber("attempts", o.Attempts);
        if (o.Source is not null) w.WriteString("source", o.Source);
        w.WriteStartArray("warc");
        foreach (var r in warc)
        {
            w.WriteStartObject();
            w.WriteString("recordId", r.RecordId);
            w.WriteString("type", r.Type);
            w.WriteString("role", r.Role);
            w.WriteString("targetUri", r.TargetUri);
            w.WriteString("date", CanonicalJson.Time(r.Date));
            w.WriteString("file", r.File);
            w.WriteNumber("offset", r.Offset);
            w.WriteNumber("length", r.Length);
            w.WriteString("blockDigest", r.BlockDigest);
            w.String("payloadDigest", r.PayloadDigest);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string Snapshot(Snapshot s) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("observationId", s.ObservationId);
        w.WriteString("bodySha256", s.BodySha256);
        w.WriteNumber("bodySize", s.BodySize);
        w.WriteString("contentType", s.ContentType);
        w.String("charset", s.Charset);
        w.WriteNumber("httpStatus", s.HttpStatus);
        w.WriteString("finalUrl", s.FinalUrl);
        w.WriteStartObject("headers");
        foreach (var (name, value) in s.Headers.OrderBy(h => h.Key, StringComparer.Ordinal)) w.WriteString(name, value);
        w.WriteEndObject();
        w.String("domSha256", s.DomSha256);
        w.String("screenshotSha256", s.ScreenshotSha256);
        if (s.Parts.Count > 0)
        {
            w.WriteStartArray("parts");
            foreach (var part in s.Parts)
            {
                w.WriteStartObject();
                w.WriteString("url", part.Url);
                w.WriteString("bodySha256", part.BodySha256);
                w.WriteString("contentType", part.ContentType);
                w.String("domSha256", part.DomSha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    });

    public static string Version(DocumentVersion v) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("document", v.Document);
        w.WriteNumber("number", v.Number);
        w.WriteString("capturedAt", CanonicalJson.Time(v.CapturedAt));
        w.WriteString("textSha256", v.TextSha256);
        w.WriteString("snapshotSha256", v.SnapshotSha256);
        w.WriteNumber("observationId", v.ObservationId);
        w.WriteNumber("added", v.Added);
        w.WriteNumber("removed", v.Removed);
        w.WriteString("extractor", v.Extractor);
        // Versions recorded before rules were tracked have neither field; their entries stay as they were.
        if (v.Rules.Length > 0 || v.Technical)
        {
            w.WriteString("rules", v.Rules);
            w.WriteBoolean("technical", v.Technical);
            w.WriteBoolean("ocr", v.Ocr);
        }
        if (v.Generation > 0) w.WriteNumber("generation", v.Generation);
        w.WriteEndObject();
    });
}
