using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Tests.Web;

namespace PolicyArchiver.Tests.Insight;

/// <summary>
/// Clause changes and topics on the real archive of the fixture site, whose v2 of the Russian
/// privacy policy changes 5.2 («3 года» → «5 лет»), adds 6.4 (transfer to loyalty partners) and
/// removes 4.3 (automated decisions): through the CLI, the change page and the feeds.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class ArchiveInsightTests(WebArchiveFixture web)
{
    private const string Privacy = "testbank/privacy-policy-ru";

    private static JsonElement Clause(JsonElement version, string id) =>
        version.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("clause").GetString() == id);

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task History_json_gives_each_version_the_clause_changes_and_topics_of_the_change_that_made_it()
    {
        var result = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--json");

        Assert.Equal(0, result.ExitCode);
        var versions = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Empty(versions[0].GetProperty("topics").EnumerateArray());
        Assert.Empty(versions[0].GetProperty("clauses").EnumerateArray());

        var v2 = versions[1];
        var modified = Clause(v2, "5.2");
        Assert.Equal("modified", modified.GetProperty("kind").GetString());
        Assert.Contains("retention", Strings(modified.GetProperty("topics")));
        Assert.Contains("3 года", modified.GetProperty("before").GetString());
        Assert.Contains("5 лет", modified.GetProperty("after").GetString());
        Assert.Contains("[-3-]{+5+}", modified.GetProperty("diff").GetString());
        Assert.Equal("5. Хранение и защита персональных данных", modified.GetProperty("heading").GetString());
        Assert.Equal(JsonValueKind.Null, modified.GetProperty("from").ValueKind);

        var added = Clause(v2, "6.4");
        Assert.Equal("added", added.GetProperty("kind").GetString());
        Assert.Contains("third-parties", Strings(added.GetProperty("topics")));
        Assert.Equal(JsonValueKind.Null, added.GetProperty("before").ValueKind);

        var removed = Clause(v2, "4.3");
        Assert.Equal("removed", removed.GetProperty("kind").GetString());
        Assert.Contains("algorithms", Strings(removed.GetProperty("topics")));
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("after").ValueKind);

        // Exactly those three clauses changed, and the version's topics are their union.
        Assert.Equal(["4.3", "5.2", "6.4"], v2.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("clause").GetString()).Order());
        var union = v2.GetProperty("clauses").EnumerateArray().SelectMany(c => Strings(c.GetProperty("topics"))).ToHashSet();
        Assert.Equal(union.Order(), Strings(v2.GetProperty("topics")).Order());
    }

    [Fact]
    public async Task History_filtered_by_a_topic_keeps_the_versions_whose_change_touches_it()
    {
        var text = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "third-parties");
        var json = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "third-parties", "--json");
        var none = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "biometrics", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("v2 ", text.Out);
        Assert.Contains("third-parties", text.Out);
        Assert.Equal([2], JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Empty(JsonDocument.Parse(none.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_topic_is_bad_input_listing_the_known_ones()
    {
        var result = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "weather");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"weather\"", result.Error);
        foreach (var id in TopicLexiconTests.TopicIds) Assert.Contains(id, result.Error);
    }

    [Fact]
    public async Task Diff_prints_the_clause_summary_before_the_line_diff()
    {
        var result = await Support.Cli.RunAsync(web.Temp, "diff", Privacy);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n').ToList();
        var modified = lines.FindIndex(l => l.StartsWith("~ 5.2 modified [", StringComparison.Ordinal) && l.Contains("retention"));
        var added = lines.FindIndex(l => l.StartsWith("+ 6.4 added [", StringComparison.Ordinal) && l.Contains("third-parties"));
        var removed = lines.FindIndex(l => l.StartsWith("- 4.3 removed [", StringComparison.Ordinal) && l.Contains("algorithms"));
        var unified = lines.FindIndex(l => l.StartsWith("--- ", StringComparison.Ordinal));
        Assert.All([modified, added, removed], i => Assert.InRange(i, 0, unified - 1));
        Assert.Equal([removed, modified, added], new[] { removed, modified, added }.Order()); // in reading order
    }

    [Fact]
    public async Task Changes_json_carries_topics_and_filters_by_topic()
    {
        var all = JsonDocument.Parse((await Support.Cli.RunAsync(web.Temp, "changes", "--json")).Out).RootElement.EnumerateArray().ToList();
        var algorithms = JsonDocument.Parse((await Support.Cli.RunAsync(web.Temp, "changes", "--topic", "algorithms", "--json")).Out).RootElement.EnumerateArray().ToList();

        var privacy = all.Single(c => c.GetProperty("document").GetString() == Privacy);
        Assert.Contains("algorithms", Strings(privacy.GetProperty("topics")));
        Assert.Contains(algorithms, c => c.GetProperty("document").GetString() == Privacy);
        Assert.All(algorithms, c => Assert.Contains("algorithms", Strings(c.GetProperty("topics"))));
        Assert.True(algorithms.Count <= all.Count);
    }

    [Fact]
    public async Task A_custom_lexicon_with_one_more_keyword_changes_the_tagging()
    {
        // With the built-in lexicon, no change of the policy touches jurisdiction…
        var before = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "jurisdiction", "--json");
        Assert.Empty(JsonDocument.Parse(before.Out).RootElement.EnumerateArray());

        // …a researcher adds a keyword to jurisdiction, and 5.2's «договорных отношений» now counts.
        var lexicon = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "topics.json")))!;
        var jurisdiction = lexicon["topics"]!.AsArray().Single(t => (string?)t!["id"] == "jurisdiction")!;
        jurisdiction["keywords"]!["ru"]!.AsArray().Add("договорн отношени");
        var file = Path.Combine(web.Temp.Directory, "custom-topics.json");
        await File.WriteAllTextAsync(file, lexicon.ToJsonString());

        var after = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topic", "jurisdiction", "--json", "--topics", file);

        Assert.Equal(0, after.ExitCode);
        var v2 = Assert.Single(JsonDocument.Parse(after.Out).RootElement.EnumerateArray().ToList());
        Assert.Contains("jurisdiction", Strings(Clause(v2, "5.2").GetProperty("topics")));
    }

    [Fact]
    public async Task An_invalid_lexicon_is_bad_input_naming_the_json_path()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "clauses", "topics-invalid.json");

        var result = await Support.Cli.RunAsync(web.Temp, "history", Privacy, "--topics", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.topics[0].label.kk: required label is missing", result.Error);
        Assert.Contains("$.topics[0].keywords.ru[1]", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Change_page_lists_the_clause_changes_with_topic_labels_before_the_inline_diff()
    {
        var page = await Page.OkAsync(web.Http, $"/companies/{Privacy}/changes/1");

        var headings = page.QuerySelectorAll("h2").Select(h => h.TextContent).ToList();
        Assert.True(headings.IndexOf("Clauses") >= 0 && headings.IndexOf("Clauses") < headings.IndexOf("Inline"), string.Join(", ", headings));
        var rows = page.QuerySelectorAll("table.clauses tbody tr").ToDictionary(r => r.GetAttribute("data-clause")!);
        Assert.Equal(["4.3", "5.2", "6.4"], rows.Keys.Order());
        Assert.Contains("modified", rows["5.2"].ClassList);
        Assert.Contains("Retention and deletion", rows["5.2"].QuerySelectorAll(".topic").Select(t => t.TextContent));
        Assert.Equal("3", rows["5.2"].QuerySelector("del")!.TextContent);
        Assert.Equal("5", rows["5.2"].QuerySelector("ins")!.TextContent);
        Assert.Contains("Third parties", rows["6.4"].QuerySelectorAll(".topic").Select(t => t.TextContent));
        Assert.StartsWith("6.4. Банк вправе передавать", rows["6.4"].QuerySelector("ins")!.TextContent);
        Assert.Contains("Algorithms and automated decisions", rows["4.3"].QuerySelectorAll(".topic").Select(t => t.TextContent));
        Assert.Contains("algorithms", rows["4.3"].QuerySelectorAll(".topic").Select(t => t.GetAttribute("data-topic")));
    }

    [Fact]
    public async Task Feed_entries_have_a_category_per_topic_and_list_the_clause_changes()
    {
        using var response = await web.Http.GetAsync("/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var file = Path.Combine(web.Temp.Directory, $"feed-{Guid.NewGuid():N}.atom");
        await File.WriteAllBytesAsync(file, bytes);
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "feedparser", "read-feed.mjs");
        var read = await Repository.RunAsync("node", AppContext.BaseDirectory, script, Repository.Feedparser, file);
        Assert.True(read.ExitCode == 0, read.Error);

        var entry = JsonDocument.Parse(read.Out).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString()!.EndsWith($":{Privacy}/changes/1", StringComparison.Ordinal));
        var categories = Strings(entry.GetProperty("categories"));
        Assert.Contains("retention", categories);
        Assert.Contains("third-parties", categories);
        Assert.Contains("algorithms", categories);
        var content = entry.GetProperty("content").GetString()!;
        Assert.Matches("<li><b>5\\.2</b> modified · [^<]*Retention and deletion", content);
        Assert.Matches("<li><b>6\\.4</b> added · [^<]*Third parties", content);
        Assert.Matches("<li><b>4\\.3</b> removed · [^<]*Algorithms and automated decisions", content);

        // The scheme is not read by feedparser: check it in the Atom itself.
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        var category = xml.Descendants(atom + "entry").SelectMany(e => e.Elements(atom + "category")).First(c => (string?)c.Attribute("term") == "retention");
        Assert.Equal(new Uri(web.BaseUrl, "/topics").ToString(), (string?)category.Attribute("scheme"));
        Assert.Equal("Retention and deletion", (string?)category.Attribute("label"));
    }
}
