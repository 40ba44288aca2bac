// The material of `samizdat demo`: fixed names and texts, so that every demo vault reads the same
// (only the keys, and so the ids, differ). The groups and people are invented; KRAS-IWA is the
// name the project's own examples use. The texts are plain text with light Markdown (**bold**,
// lists, links written out as text), as statements are written (DESIGN.md, "Objects").

export interface DemoText {
  title: string;
  lang: 'en' | 'ru' | 'uk';
  /** The date as the group writes it. */
  date: string;
  body: string;
}

const lines = (...parts: string[]): string => `${parts.join('\n')}\n`;

/** The people: me, and the simulated members of every group. */
export const PEOPLE = {
  me: 'Ольга',
  anna: 'Анна',
  dmitri: 'Дмитрий',
  vadim: 'Вадим',
  irina: 'Ирина',
  sergei: 'Сергей',
  oksana: 'Оксана',
  taras: 'Тарас',
  marina: 'Марина',
  pavel: 'Павел',
  elena: 'Елена',
  natalia: 'Наталья',
  /** The impostor takes the name of a real member of the group he imitates. */
  impostor: 'Вадим',
} as const;

export const GROUPS = {
  /** My group: warehouse, delivery and transport workers of Yekaterinburg. */
  mine: 'Рабочая солидарность — Екатеринбург',
  kras: 'KRAS-IWA',
  /** "KRAS-IWA" with a Cyrillic А (U+0410) for the Latin A: an impostor. */
  impostor: 'KR\u0410S-IWA',
  translators: 'Вільний переклад — Львів',
  teachers: 'Учителя против войны',
} as const;

export const TEXTS = {
  /** KRAS-IWA's statement, released and verified; my group introduces it. */
  threeYears: {
    title: 'Three years of war: the workers pay for it',
    lang: 'en',
    date: '2025-02-24',
    body: lines(
      'Three years ago the Russian state sent its army into Ukraine. Three years on, the bill is paid by working people on both sides of the front: with their lives, with wages eaten by prices, with factories that run night shifts for the army while hospitals close.',
      '',
      'We said it on the first day and we say it again: **this is not our war.** No worker gains anything from conquered land or redrawn borders.',
      '',
      'We call on workers in Russia and everywhere to:',
      '',
      '- refuse overtime and night shifts on military orders;',
      '- stay away when the recruitment office calls, and help those who hide from it;',
      '- collect money for the families of those jailed for speaking out;',
      '- build links with workers across the border, not with the bosses at home.',
      '',
      'No war between peoples, no peace between classes.',
      '',
      'KRAS-IWA, Russian section of the International Workers\' Association: https://www.iwa-ait.org',
    ),
  },

  /** My group's statement, released 2 of 3; translated into Ukrainian, endorsed by KRAS-IWA. */
  notForWar: {
    title: 'Мы не будем работать на войну',
    lang: 'ru',
    date: '2025-03-10',
    body: lines(
      'Мы, работники складов, доставки и транспорта Екатеринбурга, заявляем: **мы не будем работать на войну.**',
      '',
      'С осени нас заставляют брать «добровольные» сверхурочные смены на заказах для армии, а тем, кто отказывается, урезают премии. Тем временем зарплаты съедает инфляция, а в городе закрываются поликлиники.',
      '',
      'Мы требуем:',
      '',
      '- отменить принудительные сверхурочные и вернуть срезанные премии;',
      '- не передавать списки работников в военкоматы;',
      '- прекратить преследование коллег за слова против войны.',
      '',
      'Мы призываем коллег на других предприятиях создавать свои группы и не оставаться поодиночке. Вместе нас не запугать.',
      '',
      'Рабочая солидарность — Екатеринбург',
    ),
  },

  /** The Lviv translators' Ukrainian translation of notForWar. */
  notForWarUk: {
    title: 'Ми не працюватимемо на війну',
    lang: 'uk',
    date: '2025-03-14',
    body: lines(
      'Ми, працівники складів, доставки й транспорту Єкатеринбурга, заявляємо: **ми не працюватимемо на війну.**',
      '',
      'Від осені нас змушують брати «добровільні» понаднормові зміни на замовленнях для армії, а тим, хто відмовляється, урізають премії. Тим часом зарплати з\u2019їдає інфляція, а в місті закриваються поліклініки.',
      '',
      'Ми вимагаємо:',
      '',
      '- скасувати примусові понаднормові й повернути урізані премії;',
      '- не передавати списки працівників до військкоматів;',
      '- припинити переслідування колег за слова проти війни.',
      '',
      'Ми закликаємо колег на інших підприємствах створювати свої групи й не залишатися поодинці. Разом нас не залякати.',
      '',
      'Робітнича солідарність — Єкатеринбург',
      '',
      'Переклад з російської: «Вільний переклад», Львів.',
    ),
  },

  /** The translators' own statement. */
  whyWeTranslate: {
    title: 'Навіщо ми перекладаємо',
    lang: 'uk',
    date: '2025-03-20',
    body: lines(
      'Нас часто питають, навіщо ми у Львові перекладаємо заяви російських робітників. Відповідь проста: **ті, хто відмовляється працювати на війну, — наші союзники**, хоч би якою мовою вони говорили.',
      '',
      'Ми перекладаємо лише тексти, підписи під якими можна перевірити:',
      '',
      '1. ми звіряємо відбитки ключів груп особисто або через людей, яким довіряємо;',
      '2. переклад завжди посилається на оригінал, щоб кожен міг їх порівняти;',
      '3. ми не редагуємо зміст і не додаємо нічого від себе.',
      '',
      'Хочете допомогти з перекладами англійською чи польською? Передайте нам свою картку учасника через знайомих.',
      '',
      'Вільний переклад — Львів',
    ),
  },

  /** My group's introduction to KRAS-IWA's threeYears. */
  introduction: {
    title: 'Почему мы публикуем заявление KRAS-IWA',
    lang: 'ru',
    date: '2025-03-03',
    body: lines(
      'Товарищи из KRAS-IWA выпустили заявление к третьей годовщине войны. Мы публикуем его целиком и подписываемся под каждым словом.',
      '',
      'Коротко о главном:',
      '',
      '- войну оплачивают рабочие: жизнями, зарплатами, здоровьем;',
      '- отказаться от сверхурочных на военных заказах может каждый, уже завтра;',
      '- **солидарность через границу** важнее любых флагов.',
      '',
      'Отпечаток ключей KRAS-IWA мы сверили при личной встрече. Прежде чем передавать текст дальше, проверьте подписи сами: в Samizdat или по инструкции на https://www.iwa-ait.org.',
      '',
      'Рабочая солидарность — Екатеринбург',
    ),
  },

  /** A joint statement of my group and KRAS-IWA, released by both. */
  joint: {
    title: 'Joint statement: solidarity with the striking couriers',
    lang: 'en',
    date: '2025-04-01',
    body: lines(
      'On 28 March couriers of three delivery services in Yekaterinburg stopped work after the companies cut the rate per order for the second time this year. Within a day, eleven of them were summoned to the recruitment office.',
      '',
      'We, **Рабочая солидарность — Екатеринбург** (Workers\' Solidarity, Yekaterinburg) and **KRAS-IWA**, declare together:',
      '',
      '- the summonses are a punishment for the strike, and we will make every one of them known;',
      '- no courier goes to the office alone: we go with them, and lawyers are ready;',
      '- we collect money for those who lose their pay, and account for every rouble.',
      '',
      'To the companies: restore the rate, and stop handing your workers over to the army.',
      '',
      'To couriers everywhere: the strike is lawful, and so is refusing to sign anything at the recruitment office without a lawyer.',
    ),
  },

  /** My group's draft: signed by me only, 1 of the 2 signatures it needs. */
  mayDay: {
    title: 'Первомай: обращение к водителям-дальнобойщикам',
    lang: 'ru',
    date: '2025-05-01',
    body: lines(
      'Водители!',
      '',
      'Вас заставляют везти грузы для армии по ночам, без отдыха и без доплат. Штрафы за опоздание растут, а за аварии отвечаете вы одни.',
      '',
      'К 1 мая мы предлагаем:',
      '',
      '- не выходить в рейс с военными грузами;',
      '- собраться на стоянках и обсудить общие требования;',
      '- записывать каждое нарушение режима труда и отдыха.',
      '',
      '**Вы не одни.** Подробности у тех, кто передал вам это обращение.',
      '',
      'Рабочая солидарность — Екатеринбург',
    ),
  },

  /** The teachers' statement: signed by enough members, but their group's chain has since forked. */
  teachers: {
    title: 'Мы не будем рассказывать детям, что война справедлива',
    lang: 'ru',
    date: '2025-01-15',
    body: lines(
      'Каждый понедельник нас обязывают рассказывать детям на «разговорах о важном», что война справедлива, а несогласные — враги. Мы отказываемся.',
      '',
      '**Школа — не казарма.** Дети имеют право на правду, а учителя — на совесть.',
      '',
      'Мы будем:',
      '',
      '1. вести вместо этих «уроков» обычные занятия по предмету;',
      '2. не передавать администрации сведения о взглядах учеников и их родителей;',
      '3. поддерживать коллег, уволенных за отказ.',
      '',
      'Родители, поддержите нас: вы вправе не отпускать детей на пропаганду.',
      '',
      'Учителя против войны',
    ),
  },

  /** The impostor's statement, "released" by the lookalike group (its one member signed). */
  forgery: {
    title: 'We now support the war',
    lang: 'en',
    date: '2025-04-20',
    body: lines(
      'After long discussion, KRAS-IWA has changed its position. **We now support the special military operation** and call on our members to take up the night shifts at the defence plants.',
      '',
      'Anyone who still spreads our old statements is acting against the interests of the workers.',
    ),
  },

  /** KRAS-IWA's answer to the forgery. */
  notOurs: {
    title: '"We now support the war" is not ours',
    lang: 'en',
    date: '2025-04-22',
    body: lines(
      'A statement titled "We now support the war" is going round under the name **KR\u0410S-IWA**. It is not ours.',
      '',
      'Look closely: its name is written with a Cyrillic letter А in place of the Latin A, and it is signed by a key that has never belonged to a member of our group. Our position has not changed: **no to the war.**',
      '',
      'How to tell a real statement of KRAS-IWA:',
      '',
      '- it is signed by members of our group, whose fingerprint you can compare with us in person;',
      '- Samizdat marks a group whose fingerprint you compared as verified, and warns when another group\'s name only looks like ours.',
      '',
      'Do not pass the forgery on. If it reaches you, pass this statement on instead.',
    ),
  },
} as const satisfies Record<string, DemoText>;
