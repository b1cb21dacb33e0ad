using System.Text.Json;

namespace LegacyApi.Orders;

/// <summary><c>/orders</c> endpoints.</summary>
internal static class OrderEndpoints
{
    public const int MaxItemLength = 200;
    public const int MaxQuantity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapOrders(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders", (HttpRequest request, OrderStore store) =>
            Results.Ok(new OrderList(Handle(request), store.List())));

        app.MapGet("/orders/{id:int}", (int id, OrderStore store) =>
            store.Find(id) is { } order
                ? Results.Ok(order)
                : Results.Problem(statusCode: 404, title: "Order not found", detail: $"There is no order with id {id}."));

        app.MapPost("/orders", CreateAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, OrderStore store)
    {
        NewOrder? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<NewOrder>(request.Body, Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return BadRequest("The body must be a JSON object such as {\"item\": \"tea\", \"quantity\": 1}.");
        }

        if (input is null)
        {
            return BadRequest("The body must be a JSON object such as {\"item\": \"tea\", \"quantity\": 1}.");
        }

        var item = input.Item?.Trim();
        if (string.IsNullOrEmpty(item) || item.Length > MaxItemLength)
        {
            return BadRequest($"'item' must be a non-empty string of at most {MaxItemLength} characters.");
        }

        if (input.Quantity is not (>= 1 and <= MaxQuantity))
        {
            return BadRequest($"'quantity' must be an integer from 1 to {MaxQuantity}.");
        }

        var order = store.Add(item, input.Quantity.Value, Handle(request));
        return Results.Created($"/orders/{order.Id}", order);
    }

    private static string? Handle(HttpRequest request)
    {
        var value = request.Headers[LegacyApp.HandleHeader].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: 400, title: "Invalid order", detail: detail);
}
