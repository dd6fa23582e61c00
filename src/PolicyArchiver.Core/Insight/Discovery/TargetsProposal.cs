using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// A copy of targets.json with the discovered candidates added, for a person to review: discovery
/// proposes, it never edits the targets a running archiver reads.
/// </summary>
internal static class TargetsProposal
{
    public sealed record Added(string Document, string Url, string Type, string Language, string Text);

    public static async Task<IReadOnlyList<Added>> WriteAsync(string targetsFile, IEnumerable<DiscoveryReport> reports, string outputFile, CancellationToken ct)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(targetsFile, ct))!;
        var added = new List<Added>();
        foreach (var report in reports)
        {
            var company = root["companies"]!.AsArray().FirstOrDefault(c => c?["id"]?.GetValue<string>() == report.Company);
            if (company?["documents"] is not JsonArray documents) continue;
            var ids = documents.Select(d => d?["id"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var link in report.Candidates.Where(l => LanguageCodes.All.Contains(l.Language) && DocumentTypes.All.Contains(l.Type)))
            {
                var id = $"{link.Type}-{link.Language}";
                for (var n = 2; ids.Contains(id); n++) id = $"{link.Type}-{link.Language}-{n}";
                ids.Add(id);
                var entry = new JsonObject { ["id"] = id, ["type"] = link.Type, ["language"] = link.Language, ["url"] = link.Url };
                if (link.Text.Length > 0) entry["title"] = link.Text;
                documents.Add(entry);
                added.Add(new Added($"{report.Company}/{id}", link.Url, link.Type, link.Language, link.Text));
            }
        }
        var temporary = outputFile + ".tmp";
        await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), ct);
        File.Move(temporary, outputFile, overwrite: true);
        return added;
    }
}
