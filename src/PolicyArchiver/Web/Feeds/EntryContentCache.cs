namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// The rendered content of feed entries, kept so that a feed poll does not run the clause and word
/// diffs of a hundred changes again. An entry is keyed by what it is made from (document, change
/// number, both versions' text digests, the topic lexicon), so a key never goes stale; only the
/// <see cref="Capacity"/> most recently used are kept, which bounds the memory whatever the archive's size.
/// </summary>
internal sealed class EntryContentCache(int capacity = EntryContentCache.DefaultCapacity)
{
    /// <summary>Every entry of the all-companies feed and of a few company feeds, at ~10 KB each.</summary>
    public const int DefaultCapacity = 1000;

    public int Capacity { get; } = capacity;

    private readonly Dictionary<string, LinkedListNode<(string Key, EntryContent Content)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, EntryContent Content)> _recent = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <summary>The content for <paramref name="key"/>, rendered by <paramref name="render"/> only when not kept.</summary>
    public async Task<EntryContent> GetAsync(string key, Func<Task<EntryContent>> render)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Content;
            }
        }
        // Rendered outside the lock: two requests may render the same entry once each, never wait on each other.
        var content = await render();
        lock (_gate)
        {
            if (_entries.ContainsKey(key)) return content;
            _entries[key] = _recent.AddFirst((key, content));
            while (_entries.Count > Capacity)
            {
                _entries.Remove(_recent.Last!.Value.Key);
                _recent.RemoveLast();
            }
        }
        return content;
    }
}

/// <summary>An entry's HTML content and the topics it is filed under.</summary>
internal sealed record EntryContent(string Html, IReadOnlyList<string> Topics);
