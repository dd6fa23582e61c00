using Mono.Cecil;

namespace PolicyArchiver.Tests.Architecture;

/// <summary>
/// What Core shows the world is the glossary, its records (Observation, Snapshot, Version, Change,
/// Outcome…); every stage behind them is internal (and sealed), seen only by the executable, the
/// tests and the benchmark, so it can be reshaped without breaking anyone.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void Only_the_glossary_is_public_in_the_core_library()
    {
        var exposed = PublicTypesOutside(typeof(Observation).Assembly.Location, "PolicyArchiver.Model");
        Assert.True(exposed.Count == 0, "make these internal sealed, or say why they belong to the glossary:\n" + string.Join("\n", exposed));
    }

    [Fact]
    public void The_check_names_a_public_type_outside_the_glossary() =>
        Assert.Contains(typeof(PublicSurfaceTests).FullName!, PublicTypesOutside(typeof(PublicSurfaceTests).Assembly.Location, "PolicyArchiver.Model"));

    [Fact]
    public void Every_class_of_the_core_library_is_sealed_static_or_abstract()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Observation).Assembly.Location);
        var open = module.Types
            .Where(t => t.IsClass && !t.IsValueType && !t.IsInterface && !t.IsSealed && !t.IsAbstract && t.Namespace.StartsWith("PolicyArchiver", StringComparison.Ordinal))
            .Where(t => !module.Types.Any(other => other.BaseType?.FullName == t.FullName))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(open.Count == 0, "seal these (nothing derives from them):\n" + string.Join("\n", open));
    }

    private static List<string> PublicTypesOutside(string assembly, string glossary)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        return module.Types
            .Where(t => t.IsPublic && t.Namespace.StartsWith("PolicyArchiver", StringComparison.Ordinal) && t.Namespace != glossary)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
