"""The authoring folder's parts that are not articles, read and checked for the catalog."""
