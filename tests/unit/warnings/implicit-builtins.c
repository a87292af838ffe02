// Implicit declarations of gcc's library builtins: -Wimplicit-function-declaration and, when the builtin's type is not int(), -Wbuiltin-declaration-mismatch
int main(void) {
  char b[4];
  if (strcmp("a", "b") == 0) abort();
  memcpy(b, "abc", 4);
  memset(b, 0, 4);
  printf("%d\n", abs(-1));
  if (strlen(b) > 3) exit(1);
  void *p = malloc(3);
  free(p);
  return labs(2) + isdigit(3) + toupper(3) + puts("x") + putchar(1) + sqrt(2.0) + fabs(1.0) + strchr(b, 1) - b + alloca(3) - p;
}
