namespace Passes;
