using System.Text.Json;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Search;

/// <summary>
/// <c>policyarchiver search</c> on a real archive (embedded, or distributed when the run is): what a
/// researcher asks, with every filter, as text and as JSON.
/// </summary>
public sealed class SearchCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset March = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    private string ArchiveDirectory => Path.Combine(_directory, "archive");
    private string TargetsFile => Path.Combine(_directory, "targets.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(TargetsFile, """
            {"companies": [
              {"id": "kaspi", "name": "Kaspi Bank", "sector": "banking", "homepage": "https://kaspi.kz/", "documents": [
                {"id": "privacy-policy-ru", "type": "privacy-policy", "language": "ru", "url": "https://kaspi.kz/privacy"},
                {"id": "privacy-policy-kk", "type": "privacy-policy", "language": "kk", "url": "https://kaspi.kz/kk/privacy"}]},
              {"id": "beeline", "name": "Beeline", "sector": "telecom", "homepage": "https://beeline.kz/", "documents": [
                {"id": "terms-ru", "type": "terms-of-service", "language": "ru", "url": "https://beeline.kz/terms"}]}]}
            """);
        using var archive = await TestStorage.OpenAsync(ArchiveDirectory);
        await RecordedVersions.RecordAsync(archive, "kaspi/privacy-policy-ru", March, "Банк обрабатывает данные.");
        await RecordedVersions.RecordAsync(archive, "kaspi/privacy-policy-kk", March.AddDays(1), "Банк биометриялық деректерді өңдейді.");
        await RecordedVersions.RecordAsync(archive, "beeline/terms-ru", March.AddDays(2), "Оператор собирает биометрические данные абонентов.");
        await RecordedVersions.RecordAsync(archive, "kaspi/privacy-policy-ru", March.AddMonths(1), "Банк обрабатывает данные и передаёт их третьим лицам.");
        await RecordedVersions.RecordAsync(archive, "kaspi/privacy-policy-ru", March.AddMonths(3), "Банк обрабатывает биометрические данные и передаёт их третьим лицам.");
        await RecordedVersions.RecordAsync(archive, "kaspi/privacy-policy-ru", March.AddMonths(4), "Банк обрабатывает данные.");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory: the system cleans it in the end.
        }
        return Task.CompletedTask;
    }

    private Task<Support.Cli.Result> SearchAsync(params string[] args) =>
        Support.Cli.RunAsync(["search", .. args, "--archive", ArchiveDirectory, "--targets", TargetsFile]);

    private static List<string> Documents(Support.Cli.Result result) =>
        JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Select(h => h.GetProperty("document").GetString()!).ToList();

    [Fact]
    public async Task A_phrase_is_reported_with_the_change_that_brought_it_the_one_that_removed_it_and_a_marked_snippet()
    {
        var result = await SearchAsync("\"третьих лиц\"");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kaspi/privacy-policy-ru  (Kaspi Bank, privacy-policy, ru)", result.Out);
        Assert.Contains("appeared in v2 (change 1, 2024-04-01T09:00:00Z); disappeared in v4 (change 3, 2024-07-01T09:00:00Z)", result.Out);
        Assert.Contains("v3: Банк обрабатывает биометрические данные и передаёт их **третьим лицам**.", result.Out);
        Assert.Contains("1 document(s) match", result.Out);
    }

    [Fact]
    public async Task The_json_gives_the_document_its_versions_spans_and_snippet_highlights()
    {
        var result = await SearchAsync("\"третьих лиц\"", "--json");

        Assert.Equal(0, result.ExitCode);
        var hit = Assert.Single(JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList());
        Assert.Equal("kaspi/privacy-policy-ru", hit.GetProperty("document").GetString());
        Assert.Equal("Kaspi Bank", hit.GetProperty("companyName").GetString());
        Assert.Equal("banking", hit.GetProperty("sector").GetString());
        Assert.Equal("privacy-policy", hit.GetProperty("type").GetString());
        Assert.Equal("ru", hit.GetProperty("language").GetString());
        Assert.Equal([2, 3], hit.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("2024-04-01T09:00:00Z", hit.GetProperty("versions")[0].GetProperty("validFrom").GetString());
        Assert.Equal("2024-07-01T09:00:00Z", hit.GetProperty("versions")[1].GetProperty("validUntil").GetString());
        var span = Assert.Single(hit.GetProperty("spans").EnumerateArray().ToList());
        Assert.Equal(2, span.GetProperty("appearedIn").GetInt32());
        Assert.Equal(1, span.GetProperty("appearedByChange").GetInt32());
        Assert.False(span.GetProperty("sinceFirstVersion").GetBoolean());
        Assert.Equal(4, span.GetProperty("disappearedIn").GetInt32());
        Assert.Equal(3, span.GetProperty("disappearedByChange").GetInt32());
        var snippet = hit.GetProperty("snippet");
        var mark = Assert.Single(snippet.GetProperty("highlights").EnumerateArray().ToList());
        Assert.Equal("третьим лицам", snippet.GetProperty("text").GetString()!.Substring(mark.GetProperty("start").GetInt32(), mark.GetProperty("length").GetInt32()));
    }

    [Theory]
    [InlineData(new string[0], new[] { "beeline/terms-ru", "kaspi/privacy-policy-kk", "kaspi/privacy-policy-ru" })]
    [InlineData(new[] { "--company", "kaspi" }, new[] { "kaspi/privacy-policy-kk", "kaspi/privacy-policy-ru" })]
    [InlineData(new[] { "--sector", "telecom" }, new[] { "beeline/terms-ru" })]
    [InlineData(new[] { "--type", "terms-of-service" }, new[] { "beeline/terms-ru" })]
    [InlineData(new[] { "--language", "kk" }, new[] { "kaspi/privacy-policy-kk" })]
    [InlineData(new[] { "--from", "2024-07-01T09:00:00Z" }, new[] { "beeline/terms-ru", "kaspi/privacy-policy-kk" })]
    [InlineData(new[] { "--from", "01.05.2024", "--to", "2024-06-30" }, new[] { "beeline/terms-ru", "kaspi/privacy-policy-kk", "kaspi/privacy-policy-ru" })]
    [InlineData(new[] { "--to", "02.03.2024" }, new[] { "kaspi/privacy-policy-kk" })]
    [InlineData(new[] { "--to", "01.03.2024" }, new string[0])]
    public async Task Each_filter_narrows_the_documents_a_stem_finds(string[] filters, string[] expected)
    {
        var result = await SearchAsync(["биометр", "--json", .. filters]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, Documents(result));
    }

    [Fact]
    public async Task The_index_is_built_on_first_use_with_progress_and_not_again_when_nothing_is_new()
    {
        var first = await SearchAsync("данные");
        Assert.Contains("search index: 6/6 versions", first.Error);
        var second = await SearchAsync("данные");
        Assert.DoesNotContain("search index", second.Error);
        Assert.Equal(first.Out, second.Out);

        var rebuilt = await SearchAsync("--reindex");
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Contains("search index rebuilt: 6 version(s)", rebuilt.Out);
    }

    [Fact]
    public async Task Nothing_found_is_exit_0_and_says_so()
    {
        var result = await SearchAsync("криптовалюта");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no match for криптовалюта", result.Out.Trim());
        Assert.Equal("[]", (await SearchAsync("криптовалюта", "--json")).Out.Trim());
    }

    [Theory]
    [InlineData(new[] { "данные", "--from", "31.31.2024" }, "--from \"31.31.2024\"")]
    [InlineData(new[] { "данные", "--to", "yesterday" }, "--to \"yesterday\"")]
    [InlineData(new[] { "данные", "--limit", "0" }, "--limit 0")]
    [InlineData(new[] { "«—»" }, "QUERY \"«—»\": no word to look for")]
    [InlineData(new string[0], "give QUERY")]
    public async Task Bad_input_is_exit_2_naming_what_is_wrong(string[] args, string message)
    {
        var result = await SearchAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task A_search_of_a_missing_archive_is_exit_2_and_creates_nothing()
    {
        var missing = Path.Combine(_directory, "archiv");
        var result = await Support.Cli.RunAsync("search", "данные", "--archive", missing, "--targets", TargetsFile);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no archive at {missing}", result.Error);
        Assert.False(Directory.Exists(missing));
    }
}
