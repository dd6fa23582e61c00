using DiffPlex;
using DiffPlex.Chunkers;
using PolicyArchiver.Changes;

namespace PolicyArchiver.Insight.Clauses;

/// <summary>Word-level comparison of two clauses through DiffPlex: a similarity score and the pieces of a word diff.</summary>
internal static class ClauseWords
{
    /// <summary>Words with the whitespace between them as pieces, as <see cref="TextDiff"/> splits them, so diffs read alike.</summary>
    private static readonly IChunker WithSpaces = new DelimiterChunker([' ', '\n', '\t']);

    /// <summary>
    /// Words alone, for scoring, lowercase and without the punctuation around them: whitespace is
    /// not similarity, and «осуществляется.» → «осуществляется, за исключением …» keeps the word.
    /// </summary>
    private static readonly IChunker WordsOnly = new CustomFunctionChunker(s => ScoredWords(s).ToArray());

    private static IEnumerable<string> ScoredWords(string text) =>
        text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(Punctuation).ToLowerInvariant())
            .Where(w => w.Length > 0);

    private static readonly char[] Punctuation = ".,;:!?«»\"'()[]—–-…".ToCharArray();

    /// <summary>
    /// How alike two texts are, from 0 to 1: twice the words the word diff keeps over all words of
    /// both (the Dice coefficient of the longest common word sequence).
    /// </summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        var diff = Differ.Instance.CreateDiffs(a, b, false, false, WordsOnly);
        var total = diff.PiecesOld.Count + diff.PiecesNew.Count;
        if (total == 0) return 1;
        var kept = diff.PiecesOld.Count - diff.DiffBlocks.Sum(d => d.DeleteCountA);
        return 2.0 * kept / total;
    }

    /// <summary>
    /// An upper bound of <see cref="Similarity"/> from the words both texts share, counted without
    /// order: cheap, so most hopeless pairs are never diffed.
    /// </summary>
    public static double SharedWordsBound(IReadOnlyDictionary<string, int> a, int aCount, IReadOnlyDictionary<string, int> b, int bCount)
    {
        if (aCount + bCount == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var (word, n) in small)
            if (large.TryGetValue(word, out var m)) shared += Math.Min(n, m);
        return 2.0 * shared / (aCount + bCount);
    }

    public static Dictionary<string, int> Bag(string text, out int count)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        count = 0;
        foreach (var word in ScoredWords(text))
        {
            bag[word] = bag.GetValueOrDefault(word) + 1;
            count++;
        }
        return bag;
    }

    /// <summary>The word diff of two clause texts as pieces kept, removed and added.</summary>
    public static IReadOnlyList<DiffPiece> Diff(string oldText, string newText)
    {
        var words = Differ.Instance.CreateDiffs(oldText, newText, false, false, WithSpaces);
        var pieces = new List<DiffPiece>();
        var position = 0;
        foreach (var w in words.DiffBlocks)
        {
            Add(pieces, DiffPieceKind.Kept, words.PiecesOld, position, w.DeleteStartA - position);
            Add(pieces, DiffPieceKind.Removed, words.PiecesOld, w.DeleteStartA, w.DeleteCountA);
            Add(pieces, DiffPieceKind.Added, words.PiecesNew, w.InsertStartB, w.InsertCountB);
            position = w.DeleteStartA + w.DeleteCountA;
        }
        Add(pieces, DiffPieceKind.Kept, words.PiecesOld, position, words.PiecesOld.Count - position);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, DiffPieceKind kind, IReadOnlyList<string> words, int start, int count)
    {
        if (count > 0) pieces.Add(new DiffPiece(kind, string.Concat(words.Skip(start).Take(count))));
    }
}
