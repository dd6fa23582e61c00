namespace PolicyArchiver.Insight.Clauses;

/// <summary>
/// Pairs the clauses of two versions and reports what changed: added, removed, modified, moved.
/// </summary>
/// <remarks>
/// Pairing goes from the surest to the least sure evidence, each step only over what is still
/// unpaired, so a renumbered section reads as clauses moved, not as every clause rewritten:
/// <list type="number">
/// <item>same id and same text: unchanged;</item>
/// <item>same words under another number (renumbered): moved;</item>
/// <item>same id and similar words (≥ <see cref="Threshold"/>): modified;</item>
/// <item>similar words under another id: moved, with its word diff;</item>
/// <item>same id whatever the words (a clause rewritten in place): modified;</item>
/// <item>what is left: removed from the older version, added in the newer.</item>
/// </list>
/// Only unpaired clauses are compared for similarity, first by a cheap shared-word bound, and at
/// most <see cref="MaxBounds"/> bounds and <see cref="MaxDiffs"/> word diffs are computed, so a large policy with scattered edits is
/// compared in milliseconds and even a complete rewrite stays bounded.
/// </remarks>
internal static class ClauseComparer
{
    /// <summary>
    /// The similarity (see <see cref="ClauseWords.Similarity"/>) from which two clauses are taken
    /// for one: 0.6 keeps «Срок хранения … 3 года …» → «… 5 лет …» one clause (≈ 0.9) while two
    /// different clauses of one policy, which share its vocabulary, stay apart (typically &lt; 0.4).
    /// </summary>
    public const double Threshold = 0.6;

    /// <summary>The most word diffs run to find moved clauses; beyond it, what is unpaired is removed and added.</summary>
    public const int MaxDiffs = 2000;

    /// <summary>The most shared-word bounds computed to pick the pairs worth diffing (a rewrite of a thousand clauses is a million pairs).</summary>
    public const int MaxBounds = 200_000;

    public static IReadOnlyList<ClauseChange> Compare(IReadOnlyList<Clause> before, IReadOnlyList<Clause> after)
    {
        var pairOfOld = new int[before.Count];
        var pairOfNew = new int[after.Count];
        Array.Fill(pairOfOld, -1);
        Array.Fill(pairOfNew, -1);
        var changes = new List<(ClauseChange Change, int Old, int New)>();
        void Pair(int o, int n)
        {
            pairOfOld[o] = n;
            pairOfNew[n] = o;
        }

        var oldById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < before.Count; i++) oldById.TryAdd(before[i].Id, i);

        // 1. Unchanged.
        for (var n = 0; n < after.Count; n++)
            if (oldById.TryGetValue(after[n].Id, out var o) && before[o].Text == after[n].Text) Pair(o, n);

        // 2. Renumbered: the same words under another id.
        var oldByBody = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < before.Count; i++)
            if (pairOfOld[i] < 0 && before[i].Body.Length > 0)
            {
                if (!oldByBody.TryGetValue(before[i].Body, out var q)) oldByBody[before[i].Body] = q = new Queue<int>();
                q.Enqueue(i);
            }
        for (var n = 0; n < after.Count; n++)
        {
            if (pairOfNew[n] >= 0 || !oldByBody.TryGetValue(after[n].Body, out var q)) continue;
            while (q.Count > 0 && pairOfOld[q.Peek()] >= 0) q.Dequeue();
            if (q.Count == 0) continue;
            var o = q.Dequeue();
            Pair(o, n);
            var moved = before[o].Id != after[n].Id;
            changes.Add((Edited(before[o], after[n], moved, onlyIfWordsDiffer: moved), o, n));
        }

        // 3. Same id, similar words.
        var sameId = new List<(int Old, int New)>();
        for (var n = 0; n < after.Count; n++)
            if (pairOfNew[n] < 0 && oldById.TryGetValue(after[n].Id, out var o) && pairOfOld[o] < 0)
            {
                if (ClauseWords.Similarity(before[o].Body, after[n].Body) >= Threshold)
                {
                    Pair(o, n);
                    changes.Add((Edited(before[o], after[n], moved: false, onlyIfWordsDiffer: false), o, n));
                }
                else
                {
                    sameId.Add((o, n));
                }
            }

        // 4. Similar words under another id, the best old match for each new clause in turn.
        var oldLeft = Enumerable.Range(0, before.Count).Where(i => pairOfOld[i] < 0).ToList();
        var bags = oldLeft.ToDictionary(i => i, i => (Bag: ClauseWords.Bag(before[i].Body, out var count), Count: count));
        int diffs = 0, bounds = 0;
        for (var n = 0; n < after.Count && diffs < MaxDiffs && bounds < MaxBounds; n++)
        {
            if (pairOfNew[n] >= 0) continue;
            var bag = ClauseWords.Bag(after[n].Body, out var count);
            var candidates = new List<(int Old, double Bound)>();
            foreach (var o in oldLeft)
            {
                if (pairOfOld[o] >= 0) continue;
                bounds++;
                var bound = ClauseWords.SharedWordsBound(bags[o].Bag, bags[o].Count, bag, count);
                if (bound >= Threshold) candidates.Add((o, bound));
            }
            var best = (Old: -1, Score: Threshold);
            foreach (var (o, bound) in candidates.OrderByDescending(c => c.Bound))
            {
                if (bound < best.Score || diffs >= MaxDiffs) break;
                diffs++;
                var score = ClauseWords.Similarity(before[o].Body, after[n].Body);
                if (score > best.Score || best.Old < 0) best = (o, score);
            }
            if (best.Old < 0) continue;
            Pair(best.Old, n);
            changes.Add((Edited(before[best.Old], after[n], moved: before[best.Old].Id != after[n].Id, onlyIfWordsDiffer: false), best.Old, n));
        }

        // 5. Same id, rewritten in place.
        foreach (var (o, n) in sameId)
            if (pairOfOld[o] < 0 && pairOfNew[n] < 0)
            {
                Pair(o, n);
                changes.Add((Edited(before[o], after[n], moved: false, onlyIfWordsDiffer: false), o, n));
            }

        // 6. The rest.
        for (var n = 0; n < after.Count; n++)
            if (pairOfNew[n] < 0) changes.Add((new ClauseChange(ClauseChangeKind.Added, null, after[n], []), -1, n));
        for (var o = 0; o < before.Count; o++)
            if (pairOfOld[o] < 0) changes.Add((new ClauseChange(ClauseChangeKind.Removed, before[o], null, []), o, -1));

        return InReadingOrder(changes, pairOfOld);
    }

    private static ClauseChange Edited(Clause before, Clause after, bool moved, bool onlyIfWordsDiffer)
    {
        var diff = onlyIfWordsDiffer && before.Body == after.Body ? [] : ClauseWords.Diff(before.Text, after.Text);
        return new ClauseChange(moved ? ClauseChangeKind.Moved : ClauseChangeKind.Modified, before, after, diff);
    }

    /// <summary>
    /// In the newer version's order, each removed clause after the change of the clause that
    /// preceded it in the older version: the order in which one reads the two side by side.
    /// </summary>
    private static IReadOnlyList<ClauseChange> InReadingOrder(List<(ClauseChange Change, int Old, int New)> changes, int[] pairOfOld)
    {
        double Key(int old, int @new)
        {
            if (@new >= 0) return @new;
            for (var o = old - 1; o >= 0; o--)
                if (pairOfOld[o] >= 0) return pairOfOld[o] + 0.5;
            return -0.5;
        }
        return changes.OrderBy(c => Key(c.Old, c.New)).ThenBy(c => c.Old).Select(c => c.Change).ToList();
    }
}
