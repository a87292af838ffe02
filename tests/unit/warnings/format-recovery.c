// -Wformat against gcc 12: where checking stops and what still counts as too many arguments
#include <stdio.h>
void g(int i, long l) {
  printf("abc" "%d\n", l);
  printf("%5", i);
  printf("%y", i, l);
  printf("%d %d %d\n", i);
  printf("%-%d\n", i);
  printf("%s %d\n", i, i);
  printf("%hhy\n", i);
  printf("%.*d\n", l, i);
  printf("%ls\n", "ab");
  scanf("%y", &i, 2);
}
