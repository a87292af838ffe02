// 3:7: error: redefinition of 'union U'
union U { int a; };
union U { int b; };
