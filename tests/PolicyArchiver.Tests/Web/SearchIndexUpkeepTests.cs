using PolicyArchiver.Search;
using PolicyArchiver.Tests.Followers;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The site builds its search index in the background: a search that cannot wait answers from what
/// is indexed so far, says so, and the build goes on to the end without anyone waiting for it.
/// </summary>
public sealed class SearchIndexUpkeepTests
{
    [Fact]
    public async Task A_search_that_cannot_wait_is_told_the_index_is_building_and_the_build_finishes_on_its_own()
    {
        using var archive = await FollowerArchive.CreateAsync();
        var reader = new ArchiveReader(archive.Temp.Archive, () => archive.Temp.Targets);
        var upkeep = new SearchIndexUpkeep(reader);

        var building = await upkeep.WaitAsync(CancellationToken.None, TimeSpan.Zero);
        Assert.NotNull(building);

        Assert.Null(await upkeep.WaitAsync(CancellationToken.None, TimeSpan.FromMinutes(5)));
        var found = await ArchiveSearch.FindAsync(reader, SearchQuery.Parse("хранение")!, ChangeFilter.All, 0, 10, null, CancellationToken.None, updateFirst: false);
        Assert.Equal([FollowerArchive.Followbank, FollowerArchive.Otherbank], found.Found.Select(f => f.Hit.Document).Order(StringComparer.Ordinal));
        Assert.Null(found.Update);
    }

    [Fact]
    public async Task The_site_answers_searches_without_the_building_header_once_its_index_is_complete()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var site = await FollowerSite.StartAsync(archive);
        HttpResponseMessage? answer = null;
        await Eventually.WaitAsync(async () =>
        {
            answer = await site.Http.GetAsync("/api/search?q=" + Uri.EscapeDataString("хранение"));
            return !answer.Headers.Contains(SearchEndpointsHeader);
        }, "the index built in the background");
        Assert.Equal("2", answer!.Headers.GetValues("X-Total-Count").Single());
        var page = await Page.OkAsync(site.Http, "/search?q=" + Uri.EscapeDataString("хранение"));
        Assert.Null(page.QuerySelector("#index-building"));
    }

    private const string SearchEndpointsHeader = PolicyArchiver.Web.Api.SearchEndpoints.BuildingHeader;
}
