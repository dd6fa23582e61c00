using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Quartz;

namespace PolicyArchiver.Targets;

/// <summary>
/// Reads and validates targets.json. Validation collects every problem before failing, so
/// that someone editing a list of thirty companies fixes them in one pass, not thirty.
/// </summary>
internal static partial class TargetsLoader
{
    private static readonly string[] CompanyFields = ["id", "name", "sector", "homepage", "country", "documents"];
    private static readonly string[] DocumentFields = ["id", "type", "language", "url", "title", "select", "remove", "schedule", "ignore", "stripQuery", "combine", "noise"];

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPattern();

    /// <summary>Longest company or document id: ids name files in exports and appear in every URL of the site.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Largest targets file: thousands of companies fit in a few hundred kilobytes.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<TargetList> LoadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new TargetsException(path, [$"$: file not found ({Path.GetFullPath(path)})"]);
        var size = new FileInfo(path).Length;
        if (size > MaxFileBytes)
            throw new TargetsException(path, [$"$: the file is {size:N0} bytes; targets.json may be at most {MaxFileBytes / 1024 / 1024} MB"]);
        return Parse(Decode(await File.ReadAllBytesAsync(path, ct), path), path);
    }

    /// <summary>
    /// The file as UTF-8, strictly: a file saved in Windows-1251 or UTF-16 would otherwise load as
    /// mojibake names that then end up in exports and feeds.
    /// </summary>
    private static string Decode(byte[] bytes, string path)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            throw new TargetsException(path, ["$: the file is UTF-16; save it as UTF-8"]);
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            throw new TargetsException(path, [$"$: not UTF-8: byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at offset {offset} is not valid UTF-8 (another encoding, such as Windows-1251?); save the file as UTF-8"]);
        }
    }

    public static TargetList Parse(string json, string file = "targets.json")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TargetsException(file, [$"$: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"]);
        }

        using (doc)
        {
            var errors = new List<string>();
            var companies = ReadCompanies(doc.RootElement, errors);
            if (errors.Count > 0) throw new TargetsException(file, errors);
            return new TargetList(companies);
        }
    }

    private static List<Company> ReadCompanies(JsonElement root, List<string> errors)
    {
        var companies = new List<Company>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$: must be an object with a \"companies\" array");
            return companies;
        }
        foreach (var p in root.EnumerateObject())
            if (p.Name != "companies") errors.Add($"$.{p.Name}: unknown field");
        if (!root.TryGetProperty("companies", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("$.companies: required array is missing");
            return companies;
        }

        var seen = new Dictionary<string, string>();
        var i = 0;
        foreach (var element in list.EnumerateArray())
        {
            var path = $"$.companies[{i++}]";
            if (RawId(element) is { } raw && !seen.TryAdd(raw, path))
                errors.Add($"{path}.id: duplicate company id \"{raw}\" (first used at {seen[raw]})");
            if (ReadCompany(element, path, errors) is { } company) companies.Add(company);
        }
        return companies;
    }

    private static Company? ReadCompany(JsonElement e, string path, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object");
            return null;
        }
        UnknownFields(e, path, CompanyFields, errors);
        var id = Id(e, path, errors);
        var name = RequiredString(e, "name", path, errors);
        var sector = RequiredString(e, "sector", path, errors);
        if (sector is not null && !IdPattern().IsMatch(sector))
            errors.Add($"{path}.sector: must match [a-z0-9-]+ (got \"{sector}\")");
        var homepage = HttpUrl(e, "homepage", path, errors);
        var country = OptionalString(e, "country", path, errors) ?? "kz";

        var documents = new List<Document>();
        if (!e.TryGetProperty("documents", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.documents: required array is missing");
        }
        else
        {
            var seen = new Dictionary<string, string>();
            var i = 0;
            foreach (var d in list.EnumerateArray())
            {
                var dpath = $"{path}.documents[{i++}]";
                if (RawId(d) is { } raw && !seen.TryAdd(raw, dpath))
                    errors.Add($"{dpath}.id: duplicate document id \"{raw}\" in company \"{id ?? RawId(e)}\" (first used at {seen[raw]})");
                if (ReadDocument(d, id ?? "?", dpath, errors) is { } document) documents.Add(document);
            }
        }
        if (id is null || name is null || sector is null || homepage is null) return null;
        return new Company(id, name, sector, homepage, country, documents);
    }

    private static Document? ReadDocument(JsonElement e, string companyId, string path, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object");
            return null;
        }
        UnknownFields(e, path, DocumentFields, errors);
        var id = Id(e, path, errors);
        var type = RequiredString(e, "type", path, errors);
        if (type is not null && !DocumentTypes.All.Contains(type))
            errors.Add($"{path}.type: unknown document type \"{type}\" (known: {string.Join(", ", DocumentTypes.All)})");
        var language = RequiredString(e, "language", path, errors);
        if (language is not null && !LanguageCodes.All.Contains(language))
            errors.Add($"{path}.language: \"{language}\" is not an ISO 639-1 code (e.g. kk, ru, en)");
        var url = HttpUrl(e, "url", path, errors);
        var title = OptionalString(e, "title", path, errors);
        var select = Selectors(e, "select", path, errors);
        var remove = Selectors(e, "remove", path, errors);
        var schedule = OptionalString(e, "schedule", path, errors);
        if (schedule is not null)
        {
            try
            {
                _ = new CronExpression(schedule);
            }
            catch (FormatException ex)
            {
                errors.Add($"{path}.schedule: invalid Quartz cron expression \"{schedule}\": {ex.Message}");
            }
        }
        var ignore = Strings(e, "ignore", path, errors, RegexProblem);
        var noise = ReadNoise(e, path, errors);
        var stripQuery = Strings(e, "stripQuery", path, errors, (value, where) =>
            value.Any(c => char.IsWhiteSpace(c) || c is '&' or '=' or '?') ? $"{where}: \"{value}\" is not a query parameter name" : null);
        var combine = new List<Uri>();
        foreach (var (value, where) in StringItems(e, "combine", path, errors))
        {
            if (UrlProblem(value) is { } problem) errors.Add($"{where}: {problem}");
            else combine.Add(new Uri(value));
        }
        if (id is null || type is null || language is null || url is null) return null;
        return new Document(companyId, id, type, language, url, title, select, remove, schedule)
        {
            Combine = combine,
            Ignore = ignore,
            StripQuery = stripQuery,
            Noise = noise,
        };
    }

    private static string? RegexProblem(string value, string where)
    {
        try
        {
            _ = new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{where}: invalid regular expression \"{value}\": {ex.Message}";
        }
    }

    /// <summary><c>"noise": { "learn": false, "keep": ["regex", …] }</c>: overrides of the noise the archive learns.</summary>
    private static NoiseSettings ReadNoise(JsonElement e, string path, List<string> errors)
    {
        if (!e.TryGetProperty("noise", out var v)) return NoiseSettings.Default;
        var where = $"{path}.noise";
        if (v.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: must be an object such as {{ \"learn\": false }} or {{ \"keep\": [\"regex\"] }}");
            return NoiseSettings.Default;
        }
        UnknownFields(v, where, ["learn", "keep"], errors);
        var learn = true;
        if (v.TryGetProperty("learn", out var l))
        {
            if (l.ValueKind is JsonValueKind.True or JsonValueKind.False) learn = l.GetBoolean();
            else errors.Add($"{where}.learn: must be true or false");
        }
        return new NoiseSettings(learn, Strings(v, "keep", where, errors, RegexProblem));
    }

    private static string? RawId(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void UnknownFields(JsonElement e, string path, string[] known, List<string> errors)
    {
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name))
                errors.Add($"{path}.{p.Name}: unknown field (allowed: {string.Join(", ", known)})");
    }

    private static string? Id(JsonElement e, string path, List<string> errors)
    {
        var id = RequiredString(e, "id", path, errors);
        if (id is not null && id.Length > MaxIdLength)
        {
            errors.Add($"{path}.id: {id.Length} characters long (\"{id[..20]}…\"); an id has at most {MaxIdLength}");
            return null;
        }
        if (id is not null && !IdPattern().IsMatch(id))
        {
            errors.Add($"{path}.id: \"{id}\" must match [a-z0-9-]+");
            return null;
        }
        return id;
    }

    private static string? RequiredString(JsonElement e, string name, string path, List<string> errors)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            errors.Add($"{path}.{name}: required field is missing");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            errors.Add($"{path}.{name}: must be a non-empty string");
            return null;
        }
        return v.GetString();
    }

    private static string? OptionalString(JsonElement e, string name, string path, List<string> errors) =>
        e.TryGetProperty(name, out _) ? RequiredString(e, name, path, errors) : null;

    private static Uri? HttpUrl(JsonElement e, string name, string path, List<string> errors)
    {
        var s = RequiredString(e, name, path, errors);
        if (s is null) return null;
        if (UrlProblem(s) is { } problem)
        {
            errors.Add($"{path}.{name}: {problem}");
            return null;
        }
        return new Uri(s);
    }

    /// <summary>Null for an absolute http(s) URL with a host and no credentials; else what is wrong with it.</summary>
    private static string? UrlProblem(string s) =>
        !Uri.TryCreate(s, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0
            ? $"not an absolute http(s) URL (\"{s}\")"
            // Credentials in a URL end up in logs, WARC headers, exports and the public site.
            : uri.UserInfo.Length > 0 ? "must not carry credentials (user:password@); the archive captures public pages"
            : null;

    /// <summary>An optional array of strings, each checked by <paramref name="problem"/> (null when fine).</summary>
    private static IReadOnlyList<string> Strings(JsonElement e, string name, string path, List<string> errors, Func<string, string, string?> problem)
    {
        var values = new List<string>();
        foreach (var (value, where) in StringItems(e, name, path, errors))
        {
            if (problem(value, where) is { } error) errors.Add(error);
            else values.Add(value);
        }
        return values;
    }

    private static IEnumerable<(string Value, string Path)> StringItems(JsonElement e, string name, string path, List<string> errors)
    {
        if (!e.TryGetProperty(name, out var v)) yield break;
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.{name}: must be an array of strings");
            yield break;
        }
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var where = $"{path}.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString())) errors.Add($"{where}: must be a non-empty string");
            else yield return (item.GetString()!, where);
        }
    }

    private static IReadOnlyList<string> Selectors(JsonElement e, string name, string path, List<string> errors)
    {
        if (!e.TryGetProperty(name, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.{name}: must be an array of CSS selectors");
            return [];
        }
        var selectors = new List<string>();
        var i = 0;
        foreach (var s in v.EnumerateArray())
        {
            var spath = $"{path}.{name}[{i++}]";
            if (s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString()))
            {
                errors.Add($"{spath}: must be a non-empty string");
                continue;
            }
            var selector = s.GetString()!;
            if (!IsValidSelector(selector))
            {
                errors.Add($"{spath}: invalid CSS selector \"{selector}\"");
                continue;
            }
            selectors.Add(selector);
        }
        return selectors;
    }

    private static readonly IDocument EmptyDocument = new HtmlParser().ParseDocument("<html><body></body></html>");
    private static readonly Lock SelectorLock = new();

    internal static bool IsValidSelector(string selector)
    {
        // AngleSharp's selector parser is what extraction uses, so it is the judge of validity.
        lock (SelectorLock)
        {
            try
            {
                EmptyDocument.QuerySelectorAll(selector);
                return true;
            }
            catch (DomException)
            {
                return false;
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
