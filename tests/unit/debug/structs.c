/* Structs, unions, bit-fields, enums, typedefs, arrays and pointers under gdb. */
#include <string.h>

enum color { RED, GREEN = 5, BLUE };
typedef unsigned long ulong_t;

typedef unsigned char byte_t;
struct flags {
  unsigned ready : 1;
  unsigned mode : 3;
  signed level : 4;
  byte_t tag;
};

struct point { int x, y; };

struct shape {
  const char *name;
  struct point corners[3];
  struct flags f;
  enum color color;
  union { int i; float f; } u;
  double weight;
  int (*area)(const struct shape *);
};

static int area(const struct shape *s) {
  int w = s->corners[1].x - s->corners[0].x;
  int h = s->corners[2].y - s->corners[0].y;
  return w * h / 2;
}

int main(void) {
  struct shape s;
  memset(&s, 0, sizeof s);
  s.name = "triangle";
  s.corners[0].x = 1; s.corners[0].y = 2;
  s.corners[1].x = 7; s.corners[1].y = 2;
  s.corners[2].x = 1; s.corners[2].y = 10;
  s.f.ready = 1;
  s.f.mode = 5;
  s.f.level = -3;
  s.f.tag = 'T';
  s.color = BLUE;
  s.u.i = 42;
  s.weight = 2.5;
  s.area = area;
  ulong_t total = 0;
  long grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
  for (int r = 0; r < 2; r++)
    for (int c = 0; c < 3; c++)
      total += grid[r][c];
  int a = s.area(&s);
  return (int)total + a == 45 ? 0 : 1;
}
