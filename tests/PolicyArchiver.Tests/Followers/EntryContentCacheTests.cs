using PolicyArchiver.Web.Feeds;

namespace PolicyArchiver.Tests.Followers;

/// <summary>A feed poll renders an entry's diff once, and the cache of rendered entries stays within its bound.</summary>
public sealed class EntryContentCacheTests
{
    [Fact]
    public async Task An_entry_is_rendered_once_and_then_served_from_the_cache()
    {
        var cache = new EntryContentCache(capacity: 4);
        var renders = 0;
        Task<EntryContent> Render()
        {
            renders++;
            return Task.FromResult(new EntryContent("<p>diff</p>", ["third-parties"]));
        }

        var first = await cache.GetAsync("doc\n1\na\nb\nlexicon", Render);
        var second = await cache.GetAsync("doc\n1\na\nb\nlexicon", Render);

        Assert.Equal(1, renders);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Beyond_its_capacity_the_least_recently_used_entry_is_dropped()
    {
        var cache = new EntryContentCache(capacity: 2);
        var rendered = new List<string>();
        Func<Task<EntryContent>> Render(string key) => () =>
        {
            rendered.Add(key);
            return Task.FromResult(new EntryContent(key, []));
        };

        await cache.GetAsync("a", Render("a"));
        await cache.GetAsync("b", Render("b"));
        await cache.GetAsync("a", Render("a")); // a is now the most recent
        await cache.GetAsync("c", Render("c")); // b goes
        await cache.GetAsync("a", Render("a"));
        await cache.GetAsync("b", Render("b"));

        Assert.Equal(["a", "b", "c", "b"], rendered);
        Assert.Equal(2, cache.Count);
    }
}
