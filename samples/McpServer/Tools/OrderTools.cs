using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;

namespace McpServer.Tools;

/// <summary>The order tools: thin wrappers over the legacy API's <c>/orders</c>.</summary>
[McpServerToolType]
public sealed class OrderTools(LegacyOrdersClient orders)
{
    /// <summary><c>list_orders</c>.</summary>
    [McpServerTool(Name = "list_orders", ReadOnly = true), Description("Lists every order (id, item, quantity, owner, createdAt) and who is asking.")]
    public Task<JsonNode?> ListOrdersAsync(CancellationToken cancellationToken) => orders.ListAsync(cancellationToken);

    /// <summary><c>get_order</c>.</summary>
    [McpServerTool(Name = "get_order", ReadOnly = true), Description("Returns one order by its id.")]
    public Task<JsonNode?> GetOrderAsync([Description("The order id (a positive integer).")] int id, CancellationToken cancellationToken) =>
        orders.GetAsync(id, cancellationToken);

    /// <summary><c>place_order</c>.</summary>
    [McpServerTool(Name = "place_order", Destructive = false), Description("Places an order for the caller and returns it with its id.")]
    public Task<JsonNode?> PlaceOrderAsync(
        [Description("What to order (1 to 200 characters).")] string item,
        [Description("How many (1 to 10000).")] int quantity,
        CancellationToken cancellationToken) =>
        orders.PlaceAsync(item, quantity, cancellationToken);
}
