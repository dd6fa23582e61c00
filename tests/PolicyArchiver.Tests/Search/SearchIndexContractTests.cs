using PolicyArchiver.Archiving;
using PolicyArchiver.Search;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Search;

/// <summary>
/// What every <see cref="ISearchIndex"/> does, whatever holds it: the same tests run on the embedded
/// index (SQLite FTS5, search.db) and the distributed one (PostgreSQL full-text search), each beside
/// its own catalog, with versions recorded through the real catalog and blob store.
/// </summary>
public abstract class SearchIndexContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Languages = new()
    {
        ["kaspi/privacy-ru"] = "ru",
        ["kaspi/privacy-kk"] = "kk",
        ["halyk/privacy-ru"] = "ru",
        ["halyk/privacy-en"] = "en",
    };

    private readonly List<string> _directories = [];
    private int _recorded;

    private protected Archive Archive { get; private set; } = null!;
    private protected ISearchIndex Index { get; private set; } = null!;

    /// <summary>A fresh, empty archive whose catalog is the backend under test.</summary>
    private protected abstract Task<Archive> CreateArchiveAsync(string directory);

    protected virtual Task ReleaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Archive = await CreateArchiveAsync(TempDirectory());
        Index = await SearchIndexes.OpenAsync(Archive);
    }

    public async Task DisposeAsync()
    {
        Index.Dispose();
        Archive.Dispose();
        await ReleaseAsync();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory: the system cleans it in the end.
            }
        }
    }

    protected string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }

    /// <summary>Records each text as the document's next version, a day apart from every version recorded before.</summary>
    private async Task RecordAsync(string document, params string[] texts)
    {
        foreach (var text in texts) await RecordedVersions.RecordAsync(Archive, document, T0.AddDays(_recorded++), text);
    }

    private SearchIndexer Indexer(int batchSize = SearchIndexer.BatchSize) => new(Archive, Index, d => Languages.GetValueOrDefault(d, ""), batchSize);

    private Searcher Searcher() => new(Archive, Index, d => Languages.GetValueOrDefault(d, ""));

    private async Task<SearchResults> SearchAsync(string query, IReadOnlyCollection<string>? documents = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        await Indexer().UpdateAsync();
        return await Searcher().SearchAsync(SearchQuery.Parse(query)!, documents, from, to, 0, 100);
    }

    private static IEnumerable<string> Documents(SearchResults results) => results.Hits.Select(h => h.Document);

    [Fact]
    public async Task Inflected_forms_and_prefixes_match_in_Russian_Kazakh_and_English()
    {
        await RecordAsync("kaspi/privacy-ru", "Банк хранит данные не более 5 лет. Биометрических данных Банк не собирает.");
        await RecordAsync("kaspi/privacy-kk", "Оператор дербес деректерін үшінші тұлғаларға береді.");
        await RecordAsync("halyk/privacy-en", "We share data with a third party only with consent.");
        await RecordAsync("halyk/privacy-ru", "Хранение персональных данных осуществляется в Казахстане.");

        Assert.Equal(["halyk/privacy-ru", "kaspi/privacy-ru"], Documents(await SearchAsync("хран")));
        Assert.Equal(["kaspi/privacy-ru"], Documents(await SearchAsync("биометрические")));
        Assert.Equal(["kaspi/privacy-kk"], Documents(await SearchAsync("деректер")));
        Assert.Equal(["kaspi/privacy-kk"], Documents(await SearchAsync("дерек тұлға")));
        Assert.Equal(["halyk/privacy-en"], Documents(await SearchAsync("\"third parties\"")));
        Assert.Equal(["kaspi/privacy-ru"], Documents(await SearchAsync("хран биометрия")));
        Assert.Empty((await SearchAsync("\"данные хранит\"")).Hits);
    }

    [Fact]
    public async Task A_phrase_matches_adjacent_stems_only()
    {
        await RecordAsync("kaspi/privacy-ru", "Банк не передаёт данные третьим лицам.");
        await RecordAsync("halyk/privacy-ru", "Третьим лицом считается любое лицо, кроме Банка. Другим лицам данные не передаются.");

        var results = await SearchAsync("\"третьих лиц\"");
        Assert.Equal(["halyk/privacy-ru", "kaspi/privacy-ru"], Documents(results));
        Assert.Empty((await SearchAsync("\"лицам третьим\"")).Hits);
        var kaspi = results.Hits.Single(h => h.Document == "kaspi/privacy-ru");
        Assert.Equal("Банк не передаёт данные третьим лицам.", kaspi.Snippet!.Text);
        var mark = Assert.Single(kaspi.Snippet.Highlights);
        Assert.Equal("третьим лицам", kaspi.Snippet.Text.Substring(mark.Start, mark.Length));
    }

    [Fact]
    public async Task A_phrase_that_appears_in_v2_and_disappears_in_v4_is_reported_with_the_changes_that_brought_and_removed_it()
    {
        await RecordAsync("kaspi/privacy-ru",
            "Банк обрабатывает данные.",
            "Банк обрабатывает данные и передаёт их третьим лицам.",
            "Банк обрабатывает данные, хранит их 5 лет и передаёт их третьим лицам.",
            "Банк обрабатывает данные и хранит их 5 лет.",
            "Банк снова передаёт данные третьим лицам.");

        var hit = Assert.Single((await SearchAsync("\"третьим лицам\"")).Hits);
        Assert.Equal([2, 3, 5], hit.Versions.Select(v => v.Number));
        Assert.Equal(T0.AddDays(1), hit.Versions[0].ValidFrom);
        Assert.Equal(T0.AddDays(2), hit.Versions[0].ValidUntil);
        Assert.Null(hit.Versions[^1].ValidUntil);
        Assert.Equal(2, hit.Spans.Count);
        Assert.Equal(new PresenceSpan(2, T0.AddDays(1), 1, 4, T0.AddDays(3), 3), hit.Spans[0]);
        Assert.Equal(new PresenceSpan(5, T0.AddDays(4), 4, null, null, null), hit.Spans[1]);
        Assert.Equal(5, hit.Snippet!.Version);

        var always = Assert.Single((await SearchAsync("обрабатывает")).Hits, h => h.Document == "kaspi/privacy-ru");
        Assert.Equal(new PresenceSpan(1, T0, null, 5, T0.AddDays(4), 4), Assert.Single(always.Spans));
    }

    [Fact]
    public async Task The_documents_and_the_date_window_narrow_the_matches()
    {
        await RecordAsync("kaspi/privacy-ru", "Биометрические данные не собираются.");
        await RecordAsync("halyk/privacy-ru", "Биометрические данные собираются с согласия.");
        await RecordAsync("kaspi/privacy-ru", "Данные собираются.");

        Assert.Equal(["halyk/privacy-ru"], Documents(await SearchAsync("биометр", documents: ["halyk/privacy-ru", "halyk/privacy-en"])));
        // kaspi v1 was in force from T0 until T0+2 days, halyk v1 from T0+1 day on.
        Assert.Equal(["halyk/privacy-ru"], Documents(await SearchAsync("биометр", from: T0.AddDays(3))));
        Assert.Equal(["kaspi/privacy-ru"], Documents(await SearchAsync("биометр", to: T0.AddHours(12))));
        Assert.Equal(["halyk/privacy-ru", "kaspi/privacy-ru"], Documents(await SearchAsync("биометр", from: T0.AddDays(1), to: T0.AddDays(1))));
        Assert.Empty((await SearchAsync("биометр", documents: [])).Hits);
    }

    [Fact]
    public async Task A_second_update_indexes_only_the_new_versions_lists_only_their_documents_and_an_unchanged_catalog_not_at_all()
    {
        await RecordAsync("kaspi/privacy-ru", "Первая редакция.", "Вторая редакция.");
        await RecordAsync("kaspi/privacy-kk", "Бірінші редакция.");
        var first = await Indexer().UpdateAsync();
        Assert.Equal(new IndexUpdate(3, 0, false, Listed: 2), first);
        Assert.Equal(new IndexUpdate(0, 0, true), await Indexer().UpdateAsync());

        await RecordAsync("kaspi/privacy-ru", "Третья редакция с биометрией.");
        // Only the document the ledger shows a new version of is listed again.
        Assert.Equal(new IndexUpdate(1, 0, false, Listed: 1), await Indexer().UpdateAsync());
        Assert.Equal(4, (await Index.GetIndexedAsync()).Count);
        Assert.Equal(["kaspi/privacy-ru"], Documents(await SearchAsync("биометр")));
    }

    [Fact]
    public async Task A_history_derived_again_replaces_the_versions_it_superseded_in_the_index()
    {
        await RecordAsync("kaspi/privacy-ru", "Банк обрабатывает данные.", "Банк передаёт данные третьим лицам.");
        await Indexer().UpdateAsync();
        var old = await Archive.Catalog.GetVersionsAsync("kaspi/privacy-ru");
        var imported = await Archive.Blobs.PutAsync(System.Text.Encoding.UTF8.GetBytes("Редакция из импорта: биометрические данные."));

        await Archive.Catalog.RebuildVersionsAsync("kaspi/privacy-ru",
        [
            new DerivedVersion(new NewVersion(1, imported, 1, 0, 1, 0, "test/1"), T0.AddDays(-10), old[0].ObservationId, old[0].SnapshotSha256),
            new DerivedVersion(new NewVersion(2, old[0].TextSha256, 1, 1, 1, 1, "test/1"), old[0].CapturedAt, old[0].ObservationId, old[0].SnapshotSha256),
            new DerivedVersion(new NewVersion(3, old[1].TextSha256, 1, 1, 1, 1, "test/1"), old[1].CapturedAt, old[1].ObservationId, old[1].SnapshotSha256),
        ], "import of older captures");
        var update = await Indexer().UpdateAsync();

        Assert.Equal((3, 2), (update.Indexed, update.Removed));
        Assert.Equal([1, 2, 3], (await Index.GetIndexedAsync()).Select(v => v.Number).Order());
        Assert.Equal(1, Assert.Single(Assert.Single((await SearchAsync("биометр")).Hits).Versions).Number);
        var span = Assert.Single(Assert.Single((await SearchAsync("\"третьим лицам\"")).Hits).Spans);
        Assert.Equal((3, (int?)2), (span.AppearedIn, span.AppearedBy));
    }

    [Fact]
    public async Task A_first_build_interrupted_after_a_batch_continues_from_it_and_ends_as_a_clean_build()
    {
        for (var i = 1; i <= 7; i++) await RecordAsync(i % 2 == 0 ? "kaspi/privacy-ru" : "halyk/privacy-ru", $"Редакция {i}: данные хранятся {i} лет у третьих лиц.");
        using var interrupt = new CancellationTokenSource();
        var progress = new Interrupting(interrupt, afterIndexed: 2);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Indexer(batchSize: 2).UpdateAsync(progress, interrupt.Token));
        Assert.Equal(2, (await Index.GetIndexedAsync()).Count);
        Assert.Null(await Index.GetWatermarkAsync());

        var resumed = await Indexer(batchSize: 2).UpdateAsync();
        Assert.Equal(5, resumed.Indexed);
        var (indexed, matched) = await Snapshot();
        await Indexer().RebuildAsync();
        var (clean, cleanMatched) = await Snapshot();
        Assert.Equal(clean, indexed);
        Assert.Equal(cleanMatched, matched);
        Assert.Equal(7, indexed.Count);
        Assert.Equal(7, matched.Count);

        async Task<(List<string> Indexed, List<string> Matched)> Snapshot() =>
            ((await Index.GetIndexedAsync()).Select(v => $"{v.Document} {v.Number} {v.TextSha256} {v.CapturedAt:O}").Order().ToList(),
             (await Index.MatchAsync(SearchQuery.Parse("\"третьих лиц\" хран")!, null)).Select(v => $"{v.Document} {v.Number}").Order().ToList());
    }

    [Fact]
    public async Task A_phrase_across_the_boundary_of_a_long_version_is_found()
    {
        // Far past the 16383 positions a PostgreSQL tsvector keeps.
        var words = string.Join(' ', Enumerable.Repeat("слово", 40_000));
        await RecordAsync("kaspi/privacy-ru", words + " уникальная фраза " + words);
        Assert.Equal(["kaspi/privacy-ru"], Documents(await SearchAsync("\"уникальная фраза\"")));
        Assert.Empty((await SearchAsync("\"фраза уникальная\"")).Hits);
    }

    /// <summary>Cancels the build once a number of versions is committed, as Ctrl+C would.</summary>
    private sealed class Interrupting(CancellationTokenSource source, int afterIndexed) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            if (value.Indexed >= afterIndexed) source.Cancel();
        }
    }
}
