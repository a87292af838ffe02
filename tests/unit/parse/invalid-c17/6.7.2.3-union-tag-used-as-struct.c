// 2:8: error: 'U' defined as wrong kind of tag
union U { int a; };
struct U *p;
