using FluentAssertions;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Hosting;

/// <summary>MAX_BATCH_ITEMS / maxBatchItems: the bound on WriteBatch and ReadBatch items, default 512, positive.</summary>
public sealed class BatchSettingsTests
{
    [Fact]
    public void Load_NoMaxBatchItems_512AsDocumented()
    {
        var options = StorageNodeOptionsLoader.Load(static _ => null);

        options.MaxBatchItems.Should().Be(512);
    }

    [Fact]
    public void Load_MaxBatchItemsVariable_SetsTheLimit()
    {
        var options = StorageNodeOptionsLoader.Load(static name => name == "MAX_BATCH_ITEMS" ? "64" : null);

        options.MaxBatchItems.Should().Be(64);
    }

    [Fact]
    public void ApplyYaml_MaxBatchItemsKey_SetsTheLimit()
    {
        var options = StorageNodeOptionsLoader.ApplyYaml(new StorageNodeOptions(), "maxBatchItems: 1000", "test.yaml");

        options.MaxBatchItems.Should().Be(1000);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Load_NonPositiveMaxBatchItems_Rejected(string value)
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == "MAX_BATCH_ITEMS" ? value : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*MAX_BATCH_ITEMS*");
    }
}
