using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// Reads and validates topics.json, the researchers' lexicon. Like targets.json, every problem is
/// collected and named by its JSON path before failing, so a researcher fixes them in one pass.
/// Where it comes from: an explicit file (<c>--topics</c>), else <c>topics.json</c> in the working
/// directory, else the copy built into the program, so tagging works out of the box.
/// </summary>
internal static partial class TopicLexiconLoader
{
    public const string FileName = "topics.json";

    /// <summary>What <see cref="TopicLexicon.Source"/> says of the lexicon built into the program.</summary>
    public const string BuiltIn = "built-in";

    /// <summary>The languages keywords and labels are given in: the project's three.</summary>
    public static readonly string[] Languages = ["kk", "ru", "en"];

    private static readonly string[] TopicFields = ["id", "label", "description", "keywords"];

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPattern();

    private static readonly Lazy<TopicLexicon> EmbeddedLexicon = new(() =>
    {
        using var stream = typeof(TopicLexiconLoader).Assembly.GetManifestResourceStream("PolicyArchiver.Insight.Topics.topics.json")
                           ?? throw new InvalidOperationException("the built-in topics.json is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltIn);
    });

    /// <summary>The lexicon shipped with the program (a copy of the repository's topics.json).</summary>
    public static TopicLexicon Embedded => EmbeddedLexicon.Value;

    /// <summary>
    /// The lexicon to use: <paramref name="explicitFile"/> when given (it must exist), else
    /// <c>topics.json</c> in <paramref name="directory"/> when present, else the built-in one.
    /// </summary>
    public static async Task<TopicLexicon> ResolveAsync(string? explicitFile, string directory, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(explicitFile)) return await LoadAsync(explicitFile, ct);
        var local = Path.Combine(directory, FileName);
        return File.Exists(local) ? await LoadAsync(local, ct) : Embedded;
    }

    public static async Task<TopicLexicon> LoadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new TopicsException(path, [$"$: file not found ({Path.GetFullPath(path)})"]);
        return Parse(await File.ReadAllTextAsync(path, ct), path);
    }

    public static TopicLexicon Parse(string json, string file = FileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new TopicsException(file, [$"$: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {(cut > 0 ? e.Message[..cut] : e.Message)}"]);
        }
        using (doc)
        {
            var errors = new List<string>();
            var topics = ReadTopics(doc.RootElement, errors);
            if (errors.Count > 0) throw new TopicsException(file, errors);
            return new TopicLexicon(topics, file);
        }
    }

    private static List<Topic> ReadTopics(JsonElement root, List<string> errors)
    {
        var topics = new List<Topic>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$: must be an object with a \"topics\" array");
            return topics;
        }
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("topics" or "description")) errors.Add($"$.{p.Name}: unknown field (allowed: description, topics)");
        if (!root.TryGetProperty("topics", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("$.topics: required array is missing");
            return topics;
        }
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var element in list.EnumerateArray())
        {
            var path = $"$.topics[{i++}]";
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var raw) && raw.ValueKind == JsonValueKind.String &&
                !seen.TryAdd(raw.GetString()!, path))
                errors.Add($"{path}.id: duplicate topic id \"{raw.GetString()}\" (first used at {seen[raw.GetString()!]})");
            if (ReadTopic(element, path, errors) is { } topic) topics.Add(topic);
        }
        if (i == 0) errors.Add("$.topics: must list at least one topic");
        return topics;
    }

    private static Topic? ReadTopic(JsonElement e, string path, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object");
            return null;
        }
        foreach (var p in e.EnumerateObject())
            if (!TopicFields.Contains(p.Name)) errors.Add($"{path}.{p.Name}: unknown field (allowed: {string.Join(", ", TopicFields)})");
        var before = errors.Count;
        var id = RequiredString(e, "id", path, errors);
        if (id is not null && !IdPattern().IsMatch(id)) errors.Add($"{path}.id: \"{id}\" must match [a-z0-9-]+");
        var description = RequiredString(e, "description", path, errors);
        var labels = Labels(e, path, errors);
        var keywords = Keywords(e, path, errors);
        if (errors.Count > before) return null;
        return new Topic(id!, labels, description!, keywords);
    }

    private static Dictionary<string, string> Labels(JsonElement e, string path, List<string> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!e.TryGetProperty("label", out var v) || v.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.label: required object {{\"en\": …, \"ru\": …, \"kk\": …}} is missing");
            return labels;
        }
        foreach (var p in v.EnumerateObject())
        {
            if (!Languages.Contains(p.Name)) errors.Add($"{path}.label.{p.Name}: unknown language (allowed: {string.Join(", ", Languages)})");
            else if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString())) errors.Add($"{path}.label.{p.Name}: must be a non-empty string");
            else labels[p.Name] = p.Value.GetString()!;
        }
        foreach (var language in Languages)
            if (!v.TryGetProperty(language, out _)) errors.Add($"{path}.label.{language}: required label is missing");
        return labels;
    }

    private static Dictionary<string, IReadOnlyList<TopicKeyword>> Keywords(JsonElement e, string path, List<string> errors)
    {
        var keywords = new Dictionary<string, IReadOnlyList<TopicKeyword>>(StringComparer.Ordinal);
        if (!e.TryGetProperty("keywords", out var v) || v.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.keywords: required object {{\"kk\": […], \"ru\": […], \"en\": […]}} is missing");
            return keywords;
        }
        foreach (var p in v.EnumerateObject())
        {
            var where = $"{path}.keywords.{p.Name}";
            if (!Languages.Contains(p.Name))
            {
                errors.Add($"{where}: unknown language (allowed: {string.Join(", ", Languages)})");
                continue;
            }
            if (p.Value.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{where}: must be an array of keywords");
                continue;
            }
            var list = new List<TopicKeyword>();
            var i = 0;
            foreach (var item in p.Value.EnumerateArray())
            {
                var at = $"{where}[{i++}]";
                if (Keyword(item, at, errors) is { } keyword) list.Add(keyword);
            }
            keywords[p.Name] = list;
        }
        if (keywords.Values.All(k => k.Count == 0) && errors.Count == 0)
            errors.Add($"{path}.keywords: no keyword in any language, the topic could never be found");
        return keywords;
    }

    /// <summary>A keyword: lowercase stems of at least two letters, separated by spaces, each optionally ending in <c>$</c>.</summary>
    private static TopicKeyword? Keyword(JsonElement item, string at, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
        {
            errors.Add($"{at}: must be a non-empty string");
            return null;
        }
        var source = item.GetString()!;
        if (source != source.ToLowerInvariant())
        {
            errors.Add($"{at}: \"{source}\" must be lowercase (matching ignores case; stems are written in lowercase)");
            return null;
        }
        foreach (var word in source.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var stem = word.EndsWith('$') ? word[..^1] : word;
            if (stem.Contains('$'))
            {
                errors.Add($"{at}: \"{source}\": '$' may only end a stem (\"{word}\")");
                return null;
            }
            var tokens = TopicText.Tokens(stem).ToList();
            if (tokens.Count == 0 || tokens.Any(t => t.Length < 2) && !word.EndsWith('$'))
            {
                errors.Add($"{at}: \"{source}\": stem \"{word}\" is shorter than two letters and would match almost any word (end it with $ to match that word only)");
                return null;
            }
        }
        return new TopicKeyword(source);
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
}
