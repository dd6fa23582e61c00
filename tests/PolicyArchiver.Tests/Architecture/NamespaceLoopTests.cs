namespace PolicyArchiver.Tests.Architecture;

/// <summary>
/// The stages depend on each other one way only: a namespace that uses another is never used by
/// it, directly or through others. A loop means neither can be read, tested or replaced alone.
/// </summary>
public sealed class NamespaceLoopTests
{
    [Fact]
    public void No_namespace_of_the_core_library_depends_on_itself_through_others() =>
        AssertNoLoop(typeof(Observation).Assembly.Location);

    [Fact]
    public void No_namespace_of_the_executable_depends_on_itself_through_others() =>
        AssertNoLoop(typeof(PolicyArchiver.Cli.CliContext).Assembly.Location);

    [Fact]
    public void A_loop_is_found_and_explained()
    {
        // The check itself can fail: LoopSample's two namespaces below use each other on purpose.
        var graph = NamespaceGraph.Of(typeof(NamespaceLoopTests).Assembly.Location, "PolicyArchiver.Tests.Architecture.LoopSample");
        var loop = Assert.Single(graph.Cycles());
        Assert.Equal(["PolicyArchiver.Tests.Architecture.LoopSample.Left", "PolicyArchiver.Tests.Architecture.LoopSample.Right"], loop);
        Assert.Contains(graph.Explain(loop), e => e.Contains("Left.Caller uses PolicyArchiver.Tests.Architecture.LoopSample.Right.Callee", StringComparison.Ordinal));
    }

    private static void AssertNoLoop(string assembly)
    {
        var graph = NamespaceGraph.Of(assembly, "PolicyArchiver");
        var loops = graph.Cycles();
        Assert.True(loops.Count == 0, string.Join("\n", loops.Select(l =>
            $"loop among {string.Join(", ", l)}:\n  " + string.Join("\n  ", graph.Explain(l)))));
    }
}
